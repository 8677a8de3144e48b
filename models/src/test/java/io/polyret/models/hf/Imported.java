package io.polyret.models.hf;

import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.HfFixtures;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.TransformerEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Test helper: a model folder imported into a fresh graph, with its values and outputs. */
final class Imported {
  final ImportReport report;
  final Map<String, float[]> values = new LinkedHashMap<>();
  float[][][] hidden;
  float[][] embedding;

  private Imported(ImportReport report) {
    this.report = report;
  }

  /**
   * Imports {@code dir} (pooler as the checkpoint has it), reads back every variable and, when ids
   * are given, computes hidden states and embeddings with the folder's pooling (CLS by default).
   */
  static Imported load(Path dir, int[][] ids, int[][] mask) throws IOException {
    try (HuggingFaceModel model = HuggingFaceModel.open(dir); Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(
          tf, model.config(), model.hasPooler(), model.denseHead().orElse(null), 99);
      Operand<TFloat32> states = null;
      Operand<TFloat32> emb = null;
      if (ids != null) {
        states = TransformerEncoder.hiddenStates(tf, vars, tf.constant(ids), tf.constant(mask), DropoutContext.inference());
        emb = TransformerEncoder.embed(tf, vars, tf.constant(ids), tf.constant(mask),
            model.pooling().orElse(Pooling.CLS), DropoutContext.inference());
      }
      try (Session s = HfFixtures.session(g)) {
        Imported out = new Imported(model.loadInto(s, vars));
        for (String name : vars.all().keySet()) {
          try (TFloat32 t = (TFloat32) s.runner().fetch(vars.read(name)).run().get(0)) {
            float[] a = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(a, false, false));
            out.values.put(name, a);
          }
        }
        if (ids != null) {
          try (Result r = s.runner().fetch(states).fetch(emb).run()) {
            out.hidden = StdArrays.array3dCopyOf((TFloat32) r.get(0));
            out.embedding = StdArrays.array2dCopyOf((TFloat32) r.get(1));
          }
        }
        return out;
      }
    }
  }

  /** Largest |a - b| over the non-padded positions of a case. */
  static double maxDiff(float[][][] a, float[][][] b, int[][] mask) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int t = 0; t < a[i].length; t++) {
        if (mask[i][t] == 0) {
          continue;
        }
        for (int k = 0; k < a[i][t].length; k++) {
          m = Math.max(m, Math.abs(a[i][t][k] - b[i][t][k]));
        }
      }
    }
    return m;
  }
}
