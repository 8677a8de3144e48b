package io.polyret.models.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * bfloat16 products: the dense projections really run on bfloat16 operands, and embeddings and
 * gradients stay within bfloat16's rounding of the float32 ones.
 */
class ProductPrecisionTest {

  private static final int LAYERS = 2;
  private static final int[][] IDS = {{0, 5, 17, 30, 2, 1}, {0, 9, 2, 1, 1, 1}, {0, 11, 12, 13, 14, 2}};
  private static final int[][] MASK = {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1}};

  private static EncoderConfig config() {
    return EncoderConfig.builder().modelType("xlm-roberta").vocabSize(50).hiddenSize(32).numHiddenLayers(LAYERS)
        .numAttentionHeads(2).intermediateSize(64).maxPositionEmbeddings(16).typeVocabSize(1).padTokenId(1)
        .build();
  }

  @ParameterizedTest
  @EnumSource(TokenLayout.class)
  void embeddingsAreTheFloat32OnesToBfloat16Rounding(TokenLayout layout) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config(), false, 11);
      List<Operand<TInt32>> ids = List.of(tf.constant(IDS));
      List<Operand<TInt32>> masks = List.of(tf.constant(MASK));
      Operand<TFloat32> exact = TransformerEncoder.embedAll(
          tf, vars, ids, masks, Pooling.MEAN, DropoutContext.inference(), layout, ProductPrecision.FLOAT32).get(0);
      Operand<TFloat32> rounded = TransformerEncoder.embedAll(
          tf, vars, ids, masks, Pooling.MEAN, DropoutContext.inference(), layout, ProductPrecision.BFLOAT16).get(0);

      // 4 products per layer (Q/K/V, attention output, two feed-forward) take bfloat16 operands.
      int bf16Products = 0;
      for (var it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("MatMul") && op.output(0).dataType() == DataType.DT_BFLOAT16) {
          bf16Products++;
        }
      }
      assertEquals(4 * LAYERS, bf16Products);

      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        try (Result r = s.runner().fetch(exact).fetch(rounded).run()) {
          float[] a = values((TFloat32) r.get(0));
          float[] b = values((TFloat32) r.get(1));
          double maxDiff = 0;
          for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
          }
          // Unit vectors: bfloat16 keeps 8 significant bits (relative step 2^-8 = 0.0039).
          assertTrue(maxDiff > 0, "the bfloat16 graph must round somewhere");
          assertTrue(maxDiff < 0.02, "max |float32 - bfloat16| = " + maxDiff);
          for (int row = 0; row < IDS.length; row++) {
            double cos = 0;
            for (int k = 0; k < 32; k++) {
              cos += a[row * 32 + k] * b[row * 32 + k];
            }
            assertTrue(cos > 0.9995, "row " + row + ": cosine " + cos);
          }
        }
      }
    }
  }

  @Test
  void everyVariableGetsAGradientCloseToTheFloat32One() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config(), false, 12);
      List<String> names = new ArrayList<>(vars.all().keySet());
      List<Operand<?>> params = new ArrayList<>(vars.all().values());
      float[][] weights = new float[IDS.length][32];
      SplittableRandom random = new SplittableRandom(4);
      for (float[] row : weights) {
        for (int k = 0; k < row.length; k++) {
          row[k] = (float) (random.nextDouble() * 2 - 1);
        }
      }
      List<List<Output<?>>> grads = new ArrayList<>();
      for (ProductPrecision precision : ProductPrecision.values()) {
        Operand<TFloat32> emb = TransformerEncoder.embedAll(tf, vars, List.of(tf.constant(IDS)),
            List.of(tf.constant(MASK)), Pooling.MEAN, DropoutContext.inference(), TokenLayout.PACKED, precision)
            .get(0);
        Operand<TFloat32> loss = tf.sum(tf.math.mul(emb, tf.constant(weights)), tf.constant(new int[] {0, 1}));
        grads.add(tf.gradients(loss, params).dy());
      }
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        Session.Runner runner = s.runner();
        grads.forEach(list -> list.forEach(runner::fetch));
        try (Result r = runner.run()) {
          int n = names.size();
          for (int v = 0; v < n; v++) {
            float[] exact = values((TFloat32) r.get(v));
            float[] rounded = values((TFloat32) r.get(v + n));
            double norm = 0;
            double diff = 0;
            for (int i = 0; i < exact.length; i++) {
              norm += exact[i] * exact[i];
              diff += (exact[i] - rounded[i]) * (exact[i] - rounded[i]);
            }
            // The key bias shifts every score of a query equally, which softmax ignores: its
            // gradient is zero up to rounding, so a relative difference means nothing there.
            if (names.get(v).endsWith("attention.self.key.bias")) {
              assertTrue(Math.sqrt(norm) < 1e-4 && Math.sqrt(diff) < 1e-4, names.get(v));
              continue;
            }
            assertTrue(Math.sqrt(diff / norm) < 0.05,
                names.get(v) + ": relative gradient difference " + Math.sqrt(diff / norm));
          }
        }
      }
    }
  }

  private static float[] values(TFloat32 t) {
    float[] a = new float[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
    return a;
  }
}
