package io.polyret.core.train;

import io.polyret.core.sampling.ShuffledSampler;
import io.polyret.core.sampling.Triplet;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.TransformerEncoder;
import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.tokenizer.EncodedBatch;
import io.polyret.models.tokenizer.Tokenizer;
import io.polyret.core.model.DualEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Tiny models and generated "parallel" data for the training tests.
 *
 * <p>The data: {@value #CONCEPTS} hidden meanings; language {@code xx} writes meaning c as word
 * {@code a<c>}, language {@code yy} as {@code b<c>}. An example is 3 meanings plus 2 noise words
 * ({@code n<k>}); its query is in xx and its positive in yy (different noise, shuffled order), so
 * nothing but learned translation links a query to its passage.
 */
public final class TinyFixture {
  static final int CONCEPTS = 30;
  static final int NOISE = 20;

  private TinyFixture() {}

  /** Hidden 32, 1 layer, 2 heads, vocab covering the tiny tokenizer. */
  public static EncoderConfig encoder(double dropout) {
    return EncoderConfig.builder()
        .vocabSize(new WordTokenizer().vocabularySize())
        .hiddenSize(32)
        .numHiddenLayers(1)
        .numAttentionHeads(2)
        .intermediateSize(64)
        .maxPositionEmbeddings(16)
        .hiddenDropoutProb(dropout)
        .attentionProbsDropoutProb(dropout)
        .build();
  }

  /** A config for the tiny model writing into {@code out}. */
  public static TrainingConfig.Builder config(Path out) {
    return TrainingConfig.builder()
        .encoder(encoder(0.1))
        .pooling(Pooling.MEAN)
        .queryMaxLength(12)
        .passageMaxLength(12)
        .batchSize(8)
        .learningRate(2e-3)
        .schedule(ScheduleKind.LINEAR)
        .warmupSteps(5)
        .steps(20)
        .seed(7)
        .outputDir(out);
  }

  /** {@code count} examples, deterministic from {@code seed}; ids "e<seed>-<i>". */
  public static List<Triplet> triplets(int count, long seed, boolean withNegatives) {
    Random r = new Random(seed);
    List<Triplet> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] meaning = distinct(r, 3, CONCEPTS);
      String query = sentence(r, meaning, "a");
      String positive = sentence(r, meaning, "b");
      List<String> negatives = List.of();
      if (withNegatives) {
        negatives = List.of(sentence(r, distinct(r, 3, CONCEPTS), "b"));
      }
      out.add(new Triplet("e" + seed + "-" + i, "xx", "yy", query, positive, negatives));
    }
    return out;
  }

  private static int[] distinct(Random r, int k, int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, r);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = all.get(i);
    }
    return out;
  }

  private static String sentence(Random r, int[] meaning, String script) {
    List<String> words = new ArrayList<>();
    for (int m : meaning) {
      words.add(script + m);
    }
    words.add("n" + r.nextInt(NOISE));
    words.add("n" + r.nextInt(NOISE));
    java.util.Collections.shuffle(words, r);
    return String.join(" ", words);
  }

  public static ShuffledSampler sampler(List<Triplet> data, TrainingConfig config) {
    return new ShuffledSampler("tiny", data, config.batchSize(), config.seed());
  }

  /** Every encoder variable's values in a checkpoint. */
  public static Map<String, float[]> weights(Path checkpoint, EncoderConfig config) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, false, 0);
      s.restore(checkpoint.resolve(CheckpointManager.VARIABLES_PREFIX).toString());
      for (String name : vars.all().keySet()) {
        try (Result r = s.runner().fetch(vars.read(name)).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] values = new float[(int) t.shape().size()];
          t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
          out.put(name, values);
        }
      }
    }
    return out;
  }

  /** Inference embeddings of texts with the weights of a checkpoint. */
  public static float[][] embed(Path checkpoint, EncoderConfig config, Pooling pooling, List<String> texts) {
    EncodedBatch batch = new WordTokenizer().encodeBatch(texts, 12);
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, pooling == Pooling.POOLER, 0);
      var ids = tf.placeholder(TInt32.class);
      var mask = tf.placeholder(TInt32.class);
      var emb = TransformerEncoder.embed(tf, vars, ids, mask, pooling, DropoutContext.inference());
      s.restore(checkpoint.resolve(CheckpointManager.VARIABLES_PREFIX).toString());
      try (TInt32 idT = DualEncoder.matrix(batch.ids());
          TInt32 maskT = DualEncoder.matrix(batch.mask());
          Result r = s.runner().feed(ids, idT).feed(mask, maskT).fetch(emb).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        int h = (int) t.shape().get(1);
        float[][] out = new float[texts.size()][h];
        for (int i = 0; i < out.length; i++) {
          for (int j = 0; j < h; j++) {
            out[i][j] = t.getFloat(i, j);
          }
        }
        return out;
      }
    }
  }

  /**
   * Whitespace tokenizer over the fixed vocabulary of the tiny data: [PAD]=0, [CLS]=1, [SEP]=2,
   * [UNK]=3, "Query:"=4, "Passage:"=5, then a0.., b0.., n0...
   */
  public static final class WordTokenizer implements Tokenizer {
    private final Map<String, Integer> vocab = new LinkedHashMap<>();

    public WordTokenizer() {
      for (String w : List.of("[PAD]", "[CLS]", "[SEP]", "[UNK]", "Query:", "Passage:")) {
        vocab.put(w, vocab.size());
      }
      for (int i = 0; i < CONCEPTS; i++) {
        vocab.put("a" + i, vocab.size());
      }
      for (int i = 0; i < CONCEPTS; i++) {
        vocab.put("b" + i, vocab.size());
      }
      for (int i = 0; i < NOISE; i++) {
        vocab.put("n" + i, vocab.size());
      }
    }

    @Override
    public int[] encode(String text, int maxLength) {
      String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
      int n = Math.min(words.length, maxLength - 2);
      int[] ids = new int[n + 2];
      ids[0] = 1;
      for (int i = 0; i < n; i++) {
        ids[i + 1] = vocab.getOrDefault(words[i], 3);
      }
      ids[n + 1] = 2;
      return ids;
    }

    @Override
    public int padId() {
      return 0;
    }

    @Override
    public int vocabularySize() {
      return vocab.size();
    }
  }

}
