package io.polyret.models.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.hf.HuggingFaceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** SavedModel export with the {@code encode} signature, from a Hugging Face import and a checkpoint. */
class EncoderSavedModelTest {

  @TempDir Path tmp;

  @Test
  void exportOfImportedXlmrEncodesLikeHuggingFaceMeanPooling() throws Exception {
    HfFixtures.Case c = HfFixtures.cases("xlmr-tiny").get(1);
    Path out = tmp.resolve("xlmr-export");
    try (HuggingFaceModel model = HuggingFaceModel.open(HfFixtures.dir("xlmr-tiny"))) {
      EncoderSavedModel.export(out, model.config(), false, null, Pooling.MEAN, (s, v) -> model.loadInto(s, v));
    }
    assertTrue(Files.isRegularFile(out.resolve("saved_model.pb")));
    assertFalse(Files.exists(tmp.resolve("xlmr-export.partial")));
    try (EncoderSavedModel loaded = EncoderSavedModel.load(out)) {
      assertEquals(Pooling.MEAN, loaded.pooling());
      assertEquals(32, loaded.config().hiddenSize());
      float[][] emb = loaded.encode(c.ids(), c.mask());
      for (int row = 0; row < c.ids().length; row++) {
        // reference from Hugging Face's hidden states: masked mean, then L2 normalisation
        double[] mean = new double[32];
        int n = 0;
        for (int t = 0; t < c.ids()[row].length; t++) {
          if (c.mask()[row][t] == 1) {
            n++;
            for (int k = 0; k < 32; k++) {
              mean[k] += c.hidden()[row][t][k];
            }
          }
        }
        double norm = 0;
        for (int k = 0; k < 32; k++) {
          mean[k] /= n;
          norm += mean[k] * mean[k];
        }
        for (int k = 0; k < 32; k++) {
          assertEquals(mean[k] / Math.sqrt(norm), emb[row][k], 1e-4, "row " + row + " dim " + k);
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EncoderSavedModel.export(out, EncoderConfig.builder().build(), false, null, Pooling.CLS, (s, v) -> { }));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
  }

  @Test
  void exportFromTrainingCheckpointMatchesTheTrainingGraph() throws Exception {
    EncoderConfig config = EncoderConfig.builder().modelType("bert").vocabSize(60).hiddenSize(16)
        .numHiddenLayers(1).numAttentionHeads(2).intermediateSize(32).maxPositionEmbeddings(12).build();
    DenseHead head = new DenseHead(16, 8, true, DenseHead.Activation.TANH);
    int[][] ids = {{2, 7, 9, 3}, {2, 5, 3, 0}};
    int[][] mask = {{1, 1, 1, 1}, {1, 1, 1, 0}};
    String prefix = tmp.resolve("ckpt/model").toString();
    float[][] expected;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, true, head, 21);
      Operand<TFloat32> emb = TransformerEncoder.embed(tf, vars, tf.constant(ids), tf.constant(mask),
          Pooling.POOLER, DropoutContext.inference());
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        Files.createDirectories(tmp.resolve("ckpt"));
        s.save(prefix);
        try (TFloat32 t = (TFloat32) s.runner().fetch(emb).run().get(0)) {
          expected = StdArrays.array2dCopyOf(t);
        }
      }
    }
    Path out = tmp.resolve("bert-export");
    EncoderSavedModel.export(out, config, true, head, Pooling.POOLER, EncoderSavedModel.checkpoint(prefix));
    try (EncoderSavedModel loaded = EncoderSavedModel.load(out)) {
      float[][] actual = loaded.encode(ids, mask);
      assertEquals(8, actual[0].length);
      for (int r = 0; r < ids.length; r++) {
        for (int k = 0; k < 8; k++) {
          assertEquals(expected[r][k], actual[r][k], 1e-6);
        }
      }
    }
  }
}
