package io.polyret.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.sampling.Triplet;
import io.polyret.core.train.SessionConfigs;
import io.polyret.core.train.TinyFixture;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The analytic gradients of the full dual-encoder loss (shared encoder, hard negatives, symmetric
 * term, both loss modes) agree with central finite differences on a tiny model without dropout.
 */
class GradientCheckTest {
  private static final float EPS = 1e-2f;

  @Test
  void inBatchSymmetricGradientsMatchFiniteDifferences() {
    check(LossMode.IN_BATCH, true, Pooling.MEAN);
  }

  @Test
  void paperGradientsMatchFiniteDifferences() {
    check(LossMode.PAPER, false, Pooling.CLS);
  }

  private static void check(LossMode mode, boolean symmetric, Pooling pooling) {
    EncoderConfig config = TinyFixture.encoder(0.0);
    List<Triplet> triplets = TinyFixture.triplets(4, 31, true);
    EncodedTriplets batch =
        new TripletEncoder(new TinyFixture.WordTokenizer(), "Query: ", "Passage: ", 12, 12).encode(triplets);
    // A larger temperature than training uses keeps the loss smooth at the perturbation scale;
    // the graph is the same.
    double tau = 0.2;
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, false, 3);
      DualEncoder dual = DualEncoder.build(tf, vars, pooling, mode, symmetric, tau);
      Operand<TFloat32> loss = dual.validationLoss();
      List<String> names = List.of(
          "embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight",
          "encoder.layer.0.attention.self.value.bias", "encoder.layer.0.intermediate.dense.weight",
          "encoder.layer.0.output.LayerNorm.weight", "embeddings.position_embeddings.weight");
      List<Operand<?>> targets = new ArrayList<>();
      for (String n : names) {
        targets.add(vars.all().get(n));
      }
      var grads = tf.gradients(loss, targets);
      // Random weights well away from the BERT initialisation (std 0.02), where attention is almost
      // uniform and many gradients vanish: every part of the graph then carries a sizeable gradient.
      java.util.Random random = new java.util.Random(17);
      for (Map.Entry<String, org.tensorflow.ndarray.Shape> e : vars.shapes().entrySet()) {
        float[] w = new float[(int) e.getValue().size()];
        boolean layerNormWeight = e.getKey().endsWith("LayerNorm.weight");
        double std = e.getKey().endsWith(".bias") || layerNormWeight ? 0.1 : 0.3;
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) ((layerNormWeight ? 1 : 0) + std * random.nextGaussian());
        }
        set(s, vars, e.getKey(), w);
      }
      int checked = 0;
      double worst = 0;
      StringBuilder report = new StringBuilder();
      for (int v = 0; v < names.size(); v++) {
        String name = names.get(v);
        float[] weights = fetch(s, dual, batch, vars.read(name));
        float[] grad = fetch(s, dual, batch, grads.dy(v));
        // The three coordinates with the largest gradients of this variable.
        for (int pick = 0; pick < 3; pick++) {
          int best = -1;
          for (int i = 0; i < grad.length; i++) {
            if (!Float.isNaN(grad[i]) && (best < 0 || Math.abs(grad[i]) > Math.abs(grad[best]))) {
              best = i;
            }
          }
          double analytic = grad[best];
          grad[best] = Float.NaN; // not picked again
          float original = weights[best];
          weights[best] = original + EPS;
          double plus = lossWith(s, dual, batch, vars, name, weights);
          weights[best] = original - EPS;
          double minus = lossWith(s, dual, batch, vars, name, weights);
          weights[best] = original;
          set(s, vars, name, weights);
          double numeric = (plus - minus) / (2 * EPS);
          double rel = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric), Math.abs(analytic));
          report.append(String.format("%s[%d] analytic=%.6g numeric=%.6g rel=%.3g%n", name, best, analytic, numeric, rel));
          assertTrue(Math.abs(analytic) > 1e-2, "gradient too small to check: " + report);
          worst = Math.max(worst, rel);
          checked++;
        }
      }
      assertTrue(checked == 18 && worst < 1e-2, "worst relative error " + worst + "\n" + report);
    }
  }

  private static double lossWith(
      Session s, DualEncoder dual, EncodedTriplets batch, EncoderVariables vars, String name, float[] weights) {
    set(s, vars, name, weights);
    return fetch(s, dual, batch, dual.validationLoss())[0];
  }

  private static void set(Session s, EncoderVariables vars, String name, float[] weights) {
    try (TFloat32 t = TFloat32.tensorOf(vars.shape(name), DataBuffers.of(weights, true, false))) {
      vars.assign(s, name, t);
    }
  }

  private static float[] fetch(Session s, DualEncoder dual, EncodedTriplets batch, Operand<?> what) {
    Session.Runner runner = s.runner();
    List<Tensor> fed = dual.feed(runner, batch, null);
    try (Result r = runner.fetch(what).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    } finally {
      fed.forEach(Tensor::close);
    }
  }

}
