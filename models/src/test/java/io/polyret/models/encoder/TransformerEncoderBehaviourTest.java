package io.polyret.models.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Initialisation, dropout determinism, pooling and gradients of the encoder graph. */
class TransformerEncoderBehaviourTest {

  private static final int[][] IDS = {{0, 5, 17, 30, 2, 1}, {0, 9, 2, 1, 1, 1}};
  private static final int[][] MASK = {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 0, 0, 0}};

  private static EncoderConfig tinyConfig(String type) {
    return EncoderConfig.builder().modelType(type).vocabSize(50).hiddenSize(16).numHiddenLayers(2)
        .numAttentionHeads(2).intermediateSize(32).maxPositionEmbeddings(16).typeVocabSize(1)
        .padTokenId(1).build();
  }

  /** All initial variable values of a fresh graph built with {@code seed}. */
  private static List<float[]> initialValues(long seed) {
    try (Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), tinyConfig("xlm-roberta"), true, seed);
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        List<float[]> out = new ArrayList<>();
        for (String name : vars.all().keySet()) {
          try (TFloat32 t = (TFloat32) s.runner().fetch(vars.read(name)).run().get(0)) {
            float[] a = new float[(int) t.shape().size()];
            t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
            out.add(a);
          }
        }
        return out;
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndDifferentSeedDiffers() {
    List<float[]> a = initialValues(42);
    List<float[]> b = initialValues(42);
    List<float[]> c = initialValues(43);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "variable #" + i);
    }
    assertFalse(Arrays.equals(a.get(0), c.get(0)), "word embeddings should depend on the seed");
    // word embeddings: truncated normal with std 0.02 (|x| <= 2 std), not all equal
    float[] words = a.get(0);
    double sumSq = 0;
    for (float v : words) {
      assertTrue(Math.abs(v) <= 0.04f + 1e-6, "truncated at 2 std: " + v);
      sumSq += v * v;
    }
    double std = Math.sqrt(sumSq / words.length);
    assertTrue(std > 0.012 && std < 0.025, "std " + std);
  }

  @Test
  void variablesCarryHuggingFaceNamesAndShapes() {
    try (Graph g = new Graph()) {
      EncoderConfig config = tinyConfig("bert");
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), config, false, 1);
      Map<String, Shape> shapes = vars.shapes();
      assertEquals(5 + 16 * 2, shapes.size());
      assertEquals(Shape.of(50, 16), shapes.get("embeddings.word_embeddings.weight"));
      assertEquals(Shape.of(32, 16), shapes.get("encoder.layer.1.intermediate.dense.weight"));
      assertEquals(Shape.of(16, 32), shapes.get("encoder.layer.1.output.dense.weight"));
      assertFalse(shapes.containsKey("pooler.dense.weight"));
      assertNotNull(g.operation("encoder.layer.0.attention.self.query.weight"));
      assertEquals("VariableV2", g.operation("encoder.layer.0.attention.self.query.weight").type());
      assertThrows(IllegalArgumentException.class, () -> vars.read("pooler.dense.weight"));
      Ops tf = Ops.create(g);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TransformerEncoder.embed(tf, vars, ids, ids, Pooling.POOLER, DropoutContext.inference()));
      assertTrue(e.getMessage().contains("pooler"), e.getMessage());
    }
  }

  @Test
  void assignFromJavaArraysSetsValues() {
    try (Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), tinyConfig("bert"), false, 1);
      try (Session s = HfFixtures.session(g)) {
        float[] bias = new float[16];
        for (int i = 0; i < bias.length; i++) {
          bias[i] = i * 0.5f - 3;
        }
        vars.assign(s, "encoder.layer.0.output.dense.bias", bias);
        try (TFloat32 t = (TFloat32) s.runner().fetch(vars.read("encoder.layer.0.output.dense.bias")).run().get(0)) {
          assertArrayEquals(bias, StdArrays.array1dCopyOf(t));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> vars.assign(s, "encoder.layer.0.output.dense.bias", new float[3]));
        assertTrue(e.getMessage().contains("encoder.layer.0.output.dense.bias"), e.getMessage());
      }
    }
  }

  @Test
  void relativePositionConfigsAreRefused() {
    var node = tinyConfig("bert").toJson().put("position_embedding_type", "relative_key");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderConfig.fromJson(node));
    assertTrue(e.getMessage().contains("relative_key"), e.getMessage());
  }

  @Test
  void assignRejectsWrongShapeNamingBoth() {
    try (Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), tinyConfig("bert"), false, 1);
      try (Session s = HfFixtures.session(g); TFloat32 wrong = TFloat32.tensorOf(Shape.of(3, 16))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> vars.assign(s, "embeddings.word_embeddings.weight", wrong));
        assertTrue(e.getMessage().contains("[50, 16]") && e.getMessage().contains("[3, 16]"), e.getMessage());
      }
    }
  }

  /** Runs embed() with the given pooling and dropout seeds (null = inference); one graph per call. */
  private static float[][][] embedTwice(Pooling pooling, long[] seedA, long[] seedB) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, tinyConfig("xlm-roberta"), true, 5);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> mask = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      DropoutContext ctx = seedA == null ? DropoutContext.inference() : DropoutContext.training(seed);
      Operand<TFloat32> emb = TransformerEncoder.embed(tf, vars, ids, mask, pooling, ctx);
      try (Session s = HfFixtures.session(g);
          TInt32 idsT = TInt32.tensorOf(StdArrays.ndCopyOf(IDS));
          TInt32 maskT = TInt32.tensorOf(StdArrays.ndCopyOf(MASK))) {
        s.run(vars.initializer());
        float[][][] out = new float[2][][];
        long[][] seeds = {seedA == null ? new long[] {0, 0} : seedA, seedB == null ? new long[] {0, 0} : seedB};
        for (int i = 0; i < 2; i++) {
          try (TInt64 seedT = TInt64.vectorOf(seeds[i]);
              Result r = s.runner().feed(ids, idsT).feed(mask, maskT).feed(seed, seedT).fetch(emb).run()) {
            out[i] = StdArrays.array2dCopyOf((TFloat32) r.get(0));
          }
        }
        return out;
      }
    }
  }

  @Test
  void inferenceIsDeterministicAndEmbeddingsAreUnitLength() {
    for (Pooling p : Pooling.values()) {
      float[][][] r = embedTwice(p, null, null);
      assertEquals(IDS.length, r[0].length);
      assertEquals(16, r[0][0].length);
      for (int b = 0; b < IDS.length; b++) {
        assertArrayEquals(r[0][b], r[1][b], p + " row " + b);
        double norm = 0;
        for (float v : r[0][b]) {
          norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-5, p + " norm");
      }
    }
  }

  @Test
  void dropoutMasksFollowTheStepSeed() {
    float[][][] same = embedTwice(Pooling.MEAN, new long[] {3, 9}, new long[] {3, 9});
    float[][][] different = embedTwice(Pooling.MEAN, new long[] {3, 9}, new long[] {3, 10});
    float[][][] inference = embedTwice(Pooling.MEAN, null, null);
    for (int b = 0; b < IDS.length; b++) {
      assertArrayEquals(same[0][b], same[1][b], "same seed, same output");
      assertFalse(Arrays.equals(different[0][b], different[1][b]), "different seed, different masks");
      assertFalse(Arrays.equals(same[0][b], inference[0][b]), "training applies dropout");
    }
  }

  @Test
  void paddingDoesNotChangeRealTokensOrMeanPooling() {
    // Row 1 of IDS padded to 6 must embed exactly like the same row padded to 3.
    float[][] wide = embedRows(new int[][] {{0, 9, 2, 1, 1, 1}}, new int[][] {{1, 1, 1, 0, 0, 0}});
    float[][] narrow = embedRows(new int[][] {{0, 9, 2}}, new int[][] {{1, 1, 1}});
    assertArrayEquals(narrow[0], wide[0], 1e-5f);
  }

  private static float[][] embedRows(int[][] idsRows, int[][] maskRows) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, tinyConfig("xlm-roberta"), false, 5);
      Operand<TFloat32> emb = TransformerEncoder.embed(tf, vars, tf.constant(idsRows), tf.constant(maskRows),
          Pooling.MEAN, DropoutContext.inference());
      try (Session s = HfFixtures.session(g)) {
        s.run(vars.initializer());
        try (TFloat32 t = (TFloat32) s.runner().fetch(emb).run().get(0)) {
          return StdArrays.array2dCopyOf(t);
        }
      }
    }
  }

  @Test
  void gradientsReachEveryVariable() {
    for (String type : List.of("xlm-roberta", "bert")) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        EncoderVariables vars = EncoderVariables.create(tf, tinyConfig(type), true, 11);
        Operand<TInt32> ids = tf.constant(IDS);
        Operand<TInt32> mask = tf.constant(MASK);
        DropoutContext ctx = DropoutContext.training(tf.constant(new long[] {1, 2}));
        Operand<TFloat32> pooled = TransformerEncoder.embed(tf, vars, ids, mask, Pooling.POOLER, ctx);
        Operand<TFloat32> mean = TransformerEncoder.embed(tf, vars, ids, mask, Pooling.MEAN, ctx);
        // a loss that does not vanish under L2 normalisation: similarity to fixed directions
        Operand<TFloat32> loss = tf.sum(tf.math.mul(tf.math.add(pooled, mean),
            tf.random.statelessRandomNormal(tf.constant(new long[] {2, 16}), tf.constant(new long[] {4, 4}))),
            tf.constant(new int[] {0, 1}));
        List<Operand<?>> targets = new ArrayList<>(vars.all().values());
        Gradients grads = tf.gradients(loss, targets);
        List<String> names = new ArrayList<>(vars.all().keySet());
        assertEquals(names.size(), grads.dy().size());
        try (Session s = HfFixtures.session(g)) {
          s.run(vars.initializer());
          Session.Runner runner = s.runner();
          for (Output<?> dy : grads.dy()) {
            assertNotNull(dy);
            runner.fetch(dy);
          }
          try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
              TFloat32 t = (TFloat32) r.get(i);
              float[] a = new float[(int) t.shape().size()];
              t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
              boolean nonZero = false;
              for (float v : a) {
                assertTrue(Float.isFinite(v), type + " " + names.get(i));
                nonZero |= v != 0;
              }
              assertTrue(nonZero, type + ": zero gradient for " + names.get(i));
            }
          }
        }
      }
    }
  }
}
