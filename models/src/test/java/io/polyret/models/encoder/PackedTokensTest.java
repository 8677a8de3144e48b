package io.polyret.models.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The packed token layout computes what the padded one does: the same token states, pooled vectors
 * and gradients, for one batch or several batches of different widths encoded together.
 */
class PackedTokensTest {

  // Right-padded like the tokenizers' batches: a full row, short rows, one row of a single token.
  private static final int[][] QUERY_IDS = {{0, 5, 17, 30, 2, 1}, {0, 9, 2, 1, 1, 1}, {0, 11, 12, 13, 14, 2},
      {0, 1, 1, 1, 1, 1}};
  private static final int[][] QUERY_MASK = {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1},
      {1, 0, 0, 0, 0, 0}};
  private static final int[][] PASSAGE_IDS = {{0, 40, 41, 42, 43, 44, 45, 2, 1}, {0, 7, 2, 1, 1, 1, 1, 1, 1},
      {0, 20, 21, 22, 23, 24, 25, 26, 2}};
  private static final int[][] PASSAGE_MASK = {{1, 1, 1, 1, 1, 1, 1, 1, 0}, {1, 1, 1, 0, 0, 0, 0, 0, 0},
      {1, 1, 1, 1, 1, 1, 1, 1, 1}};

  private static EncoderConfig config(String type) {
    return EncoderConfig.builder().modelType(type).vocabSize(50).hiddenSize(16).numHiddenLayers(2)
        .numAttentionHeads(2).intermediateSize(32).maxPositionEmbeddings(16).typeVocabSize(1)
        .padTokenId(1).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"xlm-roberta", "bert"})
  void tokenStatesEqualThePaddedLayoutOnRealTokens(String type) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config(type), true, 3);
      Operand<TInt32> ids = tf.constant(PASSAGE_IDS);
      Operand<TInt32> mask = tf.constant(PASSAGE_MASK);
      Operand<TFloat32> padded = TransformerEncoder.hiddenStates(tf, vars, ids, mask, DropoutContext.inference());
      Operand<TFloat32> packed = PackedTokens.hiddenStates(
          tf, vars, List.of(ids), List.of(mask), DropoutContext.inference(), ProductPrecision.FLOAT32).get(0);
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        try (Result r = s.runner().fetch(padded).fetch(packed).run()) {
          float[][][] a = StdArrays.array3dCopyOf((TFloat32) r.get(0));
          float[][][] b = StdArrays.array3dCopyOf((TFloat32) r.get(1));
          assertEquals(a.length, b.length);
          assertEquals(a[0].length, b[0].length);
          double worst = 0;
          double scale = 0;
          for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < a[i].length; t++) {
              if (PASSAGE_MASK[i][t] == 0) {
                continue;
              }
              for (int k = 0; k < a[i][t].length; k++) {
                worst = Math.max(worst, Math.abs(a[i][t][k] - b[i][t][k]));
                scale = Math.max(scale, Math.abs(a[i][t][k]));
              }
            }
          }
          assertTrue(scale > 0.1, "states should not be trivially small: " + scale);
          assertTrue(worst < 1e-5, type + ": max |packed - padded| over real tokens = " + worst);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cls", "mean", "pooler"})
  void batchesOfDifferentWidthsEncodedTogetherEqualSeparatePaddedEncodings(String poolingName) {
    Pooling pooling = Pooling.parse(poolingName);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config("xlm-roberta"), true, 11);
      List<Operand<TInt32>> ids = List.of(tf.constant(QUERY_IDS), tf.constant(PASSAGE_IDS));
      List<Operand<TInt32>> masks = List.of(tf.constant(QUERY_MASK), tf.constant(PASSAGE_MASK));
      List<Operand<TFloat32>> packed =
          TransformerEncoder.embedAll(tf, vars, ids, masks, pooling, DropoutContext.inference(), TokenLayout.PACKED);
      List<Operand<TFloat32>> padded =
          TransformerEncoder.embedAll(tf, vars, ids, masks, pooling, DropoutContext.inference(), TokenLayout.PADDED);
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        for (int side = 0; side < 2; side++) {
          try (Result r = s.runner().fetch(packed.get(side)).fetch(padded.get(side)).run()) {
            float[][] a = StdArrays.array2dCopyOf((TFloat32) r.get(0));
            float[][] b = StdArrays.array2dCopyOf((TFloat32) r.get(1));
            assertEquals(side == 0 ? QUERY_IDS.length : PASSAGE_IDS.length, a.length);
            for (int i = 0; i < a.length; i++) {
              double norm = 0;
              for (int k = 0; k < a[i].length; k++) {
                assertEquals(b[i][k], a[i][k], 1e-5, pooling + " side " + side + " row " + i + " dim " + k);
                norm += a[i][k] * a[i][k];
              }
              assertEquals(1.0, Math.sqrt(norm), 1e-5);
            }
          }
        }
      }
    }
  }

  @Test
  void gradientsOfEveryVariableEqualThePaddedLayout() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config("xlm-roberta"), false, 21);
      List<Operand<TInt32>> ids = List.of(tf.constant(QUERY_IDS), tf.constant(PASSAGE_IDS));
      List<Operand<TInt32>> masks = List.of(tf.constant(QUERY_MASK), tf.constant(PASSAGE_MASK));
      List<String> names = new ArrayList<>(vars.all().keySet());
      List<Operand<?>> params = new ArrayList<>();
      for (String name : names) {
        params.add(vars.all().get(name));
      }
      float[][] weights = randomMatrix(QUERY_IDS.length + PASSAGE_IDS.length, 16);
      List<List<Output<?>>> grads = new ArrayList<>();
      for (TokenLayout layout : TokenLayout.values()) {
        List<Operand<TFloat32>> emb =
            TransformerEncoder.embedAll(tf, vars, ids, masks, Pooling.MEAN, DropoutContext.inference(), layout);
        // A loss that reads every row of both batches with different weights.
        Operand<TFloat32> all = tf.concat(emb, tf.constant(0));
        Operand<TFloat32> loss = tf.sum(tf.math.mul(all, tf.constant(weights)), tf.constant(new int[] {0, 1}));
        grads.add(tf.gradients(loss, params).dy());
      }
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        Session.Runner runner = s.runner();
        for (List<Output<?>> layoutGrads : grads) {
          layoutGrads.forEach(runner::fetch);
        }
        try (Result r = runner.run()) {
          int n = names.size();
          for (int v = 0; v < n; v++) {
            float[] packed = values((TFloat32) r.get(v + n)); // PACKED is the second layout
            float[] padded = values((TFloat32) r.get(v));
            assertEquals(padded.length, packed.length, names.get(v));
            double scale = 1e-6;
            for (float x : padded) {
              scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < padded.length; i++) {
              assertEquals(padded[i], packed[i], 1e-4 * scale, names.get(v) + "[" + i + "]");
            }
          }
        }
      }
    }
  }

  @Test
  void anEmptyBatchBesideAFullOneGivesNoRows() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config("bert"), false, 5);
      Operand<TInt32> empty = tf.reshape(tf.constant(new int[0]), tf.constant(new int[] {0, 4}));
      List<Operand<TFloat32>> emb = TransformerEncoder.embedAll(tf, vars, List.of(empty, tf.constant(QUERY_IDS)),
          List.of(empty, tf.constant(QUERY_MASK)), Pooling.MEAN, DropoutContext.inference(), TokenLayout.PACKED);
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        try (Result r = s.runner().fetch(emb.get(0)).fetch(emb.get(1)).run()) {
          assertEquals(0, r.get(0).shape().get(0));
          assertEquals(QUERY_IDS.length, r.get(1).shape().get(0));
        }
      }
    }
  }

  @Test
  void embedAllNeedsOneMaskPerBatch() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config("bert"), false, 5);
      Operand<TInt32> ids = tf.constant(QUERY_IDS);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformerEncoder.embedAll(
          tf, vars, List.of(ids, ids), List.of(ids), Pooling.MEAN, DropoutContext.inference(), TokenLayout.PACKED));
      assertTrue(e.getMessage().contains("2 id batches and 1 masks"), e.getMessage());
    }
  }

  private static float[][] randomMatrix(int rows, int cols) {
    SplittableRandom random = new SplittableRandom(8);
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int k = 0; k < cols; k++) {
        row[k] = (float) (random.nextDouble() * 2 - 1);
      }
    }
    return m;
  }

  private static float[] values(TFloat32 t) {
    float[] a = new float[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
    return a;
  }
}
