package io.polyret.core.bench;

import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.eval.lareqa.LareqaBenchmark;
import io.polyret.core.eval.lareqa.LareqaEvaluator;
import io.polyret.core.eval.lareqa.LareqaOptions;
import io.polyret.core.eval.lareqa.LareqaResult;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times a full LAReQA evaluation (all monolingual, cross-lingual and multilingual settings plus
 * rank distance) on random embeddings of XQuAD-R's shape (13,090 questions x 13,014 candidates,
 * 11 languages with the real per-language counts; with {@code --data} the real XQuAD-R questions,
 * ids and gold sentences) against ONE float32 matrix product of the same shape, measured in the
 * same run, and prints one JSON line with the ratios (wall clock, and process CPU time, which
 * includes TensorFlow's native threads and is steadier on a shared machine).
 *
 * <pre>
 * java -cp ... io.polyret.core.bench.EvalBenchmark [--dim 768] [--kernel tensorflow|java]
 *     [--threads N] [--repeats 3] [--chunk 1024] [--seed 1] [--data path/to/xquad-r]
 * java -cp ... io.polyret.core.bench.EvalBenchmark --data path/to/xquad-r
 *     (--model EXPORT [--tokenizer DIR] | --random-model 128,2,4,512 --tokenizer DIR) [--batch 64]
 * </pre>
 */
public final class EvalBenchmark {
  /** XQuAD-R candidates per language (method.md, section 4); 1,190 questions each. */
  static final String[] LANGUAGES = {"ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh"};
  static final int[] CANDIDATES = {1222, 1276, 1234, 1180, 1215, 1244, 1219, 852, 1167, 1209, 1196};
  static final int QUESTIONS = 1190;

  private EvalBenchmark() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) {
    int dim = 768;
    String kernelName = "tensorflow";
    int threads = Runtime.getRuntime().availableProcessors();
    int repeats = 3;
    int chunk = 1024;
    long seed = 1;
    String data = null;
    String model = null;
    String tokenizer = null;
    String randomModel = null;
    int batch = 64;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--dim" -> dim = Integer.parseInt(value);
        case "--kernel" -> kernelName = value;
        case "--threads" -> threads = Integer.parseInt(value);
        case "--repeats" -> repeats = Integer.parseInt(value);
        case "--chunk" -> chunk = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--data" -> data = value;
        case "--model" -> model = value;
        case "--tokenizer" -> tokenizer = value;
        case "--random-model" -> randomModel = value;
        case "--batch" -> batch = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
      i++;
    }
    if (model != null || randomModel != null) {
      encodingThroughput(data, model, tokenizer, randomModel, batch);
      return;
    }
    ScoreKernels.Kind kernel = ScoreKernels.Kind.parse(kernelName);
    LareqaBenchmark benchmark = data == null ? xquadShapedBenchmark(new Random(seed))
        : LareqaBenchmark.from(LareqaReader.read(Path.of(data)), CandidateText.SENTENCE);
    Random random = new Random(seed + 1);
    float[] queries = randomUnitRows(random, benchmark.questionCount(), dim);
    float[] candidates = randomUnitRows(random, benchmark.candidateCount(), dim);

    LareqaOptions options = new LareqaOptions(List.of(Metric.MAP, Metric.parse("recall@1")),
        List.of(Metric.MAP, Metric.parse("recall@10")), kernel, threads, chunk, null, 0);
    LareqaEvaluator evaluator = new LareqaEvaluator(benchmark, options);

    double[] productSeconds = new double[repeats];
    double[] evalSeconds = new double[repeats];
    double[] scoringSeconds = new double[repeats];
    double[] productCpu = new double[repeats];
    double[] scoringCpu = new double[repeats];
    double[] rankingCpu = new double[repeats];
    double[] evalCpu = new double[repeats];
    double[] rankingSeconds = new double[repeats];
    LareqaResult result = null;
    // Warm-up of both (JIT, TF kernels), then alternate so machine load hits both alike.
    timeProduct(queries, candidates, benchmark.questionCount(), benchmark.candidateCount(), dim,
        threads);
    result = evaluator.evaluate(queries, candidates, dim);
    for (int r = 0; r < repeats; r++) {
      long c0 = processCpuNanos();
      productSeconds[r] = timeProduct(queries, candidates, benchmark.questionCount(),
          benchmark.candidateCount(), dim, threads);
      long c1 = processCpuNanos();
      long t0 = System.nanoTime();
      result = evaluator.evaluate(queries, candidates, dim);
      evalSeconds[r] = (System.nanoTime() - t0) / 1e9;
      productCpu[r] = (c1 - c0) / 1e9;
      evalCpu[r] = (processCpuNanos() - c1) / 1e9;
      scoringSeconds[r] = evaluator.lastScoringSeconds();
      rankingSeconds[r] = evaluator.lastRankingSeconds();
      scoringCpu[r] = evaluator.lastScoringCpuSeconds();
      rankingCpu[r] = evaluator.lastRankingCpuSeconds();
    }
    double product = median(productSeconds);
    double eval = median(evalSeconds);
    double gflop = 2.0 * benchmark.questionCount() * benchmark.candidateCount() * dim / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "{\"benchmark\":\"eval-lareqa-random\",\"queries\":%d,\"candidates\":%d,\"dim\":%d,"
            + "\"kernel\":\"%s\",\"threads\":%d,\"chunk\":%d,\"repeats\":%d,"
            + "\"product_s\":%.3f,\"product_gflops\":%.1f,\"evaluation_s\":%.3f,\"ratio\":%.3f,"
            + "\"ratio_of_fastest\":%.3f,\"product_cpu_s\":%.3f,\"evaluation_cpu_s\":%.3f,"
            + "\"cpu_ratio\":%.3f,\"scoring_cpu_s\":%.3f,\"ranking_cpu_s\":%.3f,"
            + "\"product_runs_s\":%s,\"evaluation_runs_s\":%s,\"scoring_runs_s\":%s,"
            + "\"ranking_runs_s\":%s,"
            + "\"mono_map\":%.5f,\"cross_map\":%.5f,\"multi_map\":%.5f,\"rank_distance\":%.1f,"
            + "\"cross_pairs\":%d}",
        benchmark.questionCount(), benchmark.candidateCount(), dim, kernel.name().toLowerCase(
            Locale.ROOT), threads, chunk, repeats, product, gflop / product, eval, eval / product,
        min(evalSeconds) / min(productSeconds), median(productCpu), median(evalCpu),
        median(evalCpu) / median(productCpu), median(scoringCpu), median(rankingCpu),
        Arrays.toString(productSeconds), Arrays.toString(evalSeconds),
        Arrays.toString(scoringSeconds), Arrays.toString(rankingSeconds),
        result.monolingualMacro(Metric.MAP), result.crossLingualMacro(Metric.MAP),
        result.multilingualMacro(Metric.MAP), result.rankDistanceMacro(),
        result.crossLingualPairCount()));
  }

  /**
   * Encoding throughput over the XQuAD-R questions and candidate sentences ({@code --data}), with
   * an exported model ({@code --model}, tokenizer in {@code --tokenizer} or beside the model) or a
   * randomly initialised one ({@code --random-model hidden,layers,heads,ffn}, XLM-R type, with the
   * tokenizer folder given by {@code --tokenizer}); prints texts/s for queries and passages.
   */
  static void encodingThroughput(String data, String model, String tokenizer, String randomModel,
      int batch) {
    if (data == null) {
      throw new IllegalArgumentException("--data (an XQuAD-R folder) is required with --model");
    }
    try {
      LareqaBenchmark b = LareqaBenchmark.from(LareqaReader.read(Path.of(data)),
          CandidateText.SENTENCE);
      Path modelDir;
      Path tmp = null;
      if (randomModel != null) {
        if (tokenizer == null) {
          throw new IllegalArgumentException("--random-model needs --tokenizer");
        }
        String[] p = randomModel.split(",");
        int vocab;
        try (var t = io.polyret.models.tokenizer.TokenizerFactory.fromModelDirectory(
            Path.of(tokenizer))) {
          vocab = t.vocabularySize();
        }
        io.polyret.models.config.EncoderConfig config = io.polyret.models.config.EncoderConfig
            .builder().modelType("xlm-roberta").vocabSize(vocab)
            .hiddenSize(Integer.parseInt(p[0])).numHiddenLayers(Integer.parseInt(p[1]))
            .numAttentionHeads(Integer.parseInt(p[2])).intermediateSize(Integer.parseInt(p[3]))
            .maxPositionEmbeddings(514).typeVocabSize(1).padTokenId(1).build();
        tmp = java.nio.file.Files.createTempDirectory("polyret-evalbench");
        modelDir = tmp.resolve("model");
        io.polyret.models.encoder.EncoderSavedModel.export(modelDir, config, false, null,
            io.polyret.models.encoder.Pooling.MEAN,
            (session, vars) -> session.run(vars.initializer()));
      } else {
        modelDir = Path.of(model);
      }
      io.polyret.core.eval.EncodingOptions e = io.polyret.core.eval.EncodingOptions.defaults();
      try (io.polyret.core.eval.SavedModelTextEncoder encoder = tokenizer == null
          ? io.polyret.core.eval.SavedModelTextEncoder.open(modelDir)
          : io.polyret.core.eval.SavedModelTextEncoder.open(modelDir, Path.of(tokenizer))) {
        long t0 = System.nanoTime();
        io.polyret.core.eval.BatchedEncoding.encode(encoder, b.questionTexts(), e.queryPrefix(),
            e.queryMaxLength(), batch);
        long t1 = System.nanoTime();
        io.polyret.core.eval.BatchedEncoding.encode(encoder, b.candidateTexts(),
            e.passagePrefix(), e.passageMaxLength(), batch);
        long t2 = System.nanoTime();
        System.out.println(String.format(Locale.ROOT,
            "{\"benchmark\":\"eval-encoding\",\"model\":\"%s\",\"dim\":%d,\"batch\":%d,"
                + "\"queries\":%d,\"query_texts_per_s\":%.1f,\"passages\":%d,"
                + "\"passage_texts_per_s\":%.1f}",
            randomModel != null ? "random:" + randomModel : model, encoder.dimension(), batch,
            b.questionCount(), b.questionCount() / ((t1 - t0) / 1e9), b.candidateCount(),
            b.candidateCount() / ((t2 - t1) / 1e9)));
      } finally {
        if (tmp != null) {
          try (var walk = java.nio.file.Files.walk(tmp)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
              java.nio.file.Files.deleteIfExists(f);
            }
          }
        }
      }
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  /** Parallel questions in 11 languages with XQuAD-R's counts and random gold sentences. */
  static LareqaBenchmark xquadShapedBenchmark(Random random) {
    List<LareqaBenchmark.Language> langs = new ArrayList<>();
    for (int l = 0; l < LANGUAGES.length; l++) {
      List<LareqaBenchmark.Candidate> cands = new ArrayList<>();
      for (int i = 0; i < CANDIDATES[l]; i++) {
        cands.add(new LareqaBenchmark.Candidate(String.format("%s-%05d", LANGUAGES[l], i), ""));
      }
      List<LareqaBenchmark.Question> qs = new ArrayList<>();
      for (int i = 0; i < QUESTIONS; i++) {
        qs.add(new LareqaBenchmark.Question("q" + i, "", random.nextInt(CANDIDATES[l])));
      }
      langs.add(new LareqaBenchmark.Language(LANGUAGES[l], qs, cands));
    }
    return new LareqaBenchmark("xquad-r-shaped-random", langs);
  }

  static float[] randomUnitRows(Random random, int rows, int dim) {
    float[] out = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        float v = (float) random.nextGaussian();
        out[r * dim + j] = v;
        norm += v * v;
      }
      float inv = (float) (1.0 / Math.sqrt(norm));
      for (int j = 0; j < dim; j++) {
        out[r * dim + j] *= inv;
      }
    }
    return out;
  }

  /**
   * Seconds for one TF MatMul of the full shape, inputs already in tensors, result left on the
   * device: the cost the evaluation is compared with.
   */
  static double timeProduct(float[] queries, float[] candidates, int n, int m, int dim,
      int threads) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, dim)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(m, dim)));
      Operand<TFloat32> p = tf.linalg.matMul(a, b, MatMul.transposeB(true));
      ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
          .setInterOpParallelismThreads(1).build();
      try (Session s = new Session(g, config);
          TFloat32 ta = TFloat32.tensorOf(Shape.of(n, dim), DataBuffers.of(queries, true, false));
          TFloat32 tb = TFloat32.tensorOf(Shape.of(m, dim),
              DataBuffers.of(candidates, true, false))) {
        // The fetched product stays in a native tensor: no copy into the Java heap is timed.
        long t0 = System.nanoTime();
        try (Result r = s.runner().feed(a, ta).feed(b, tb).fetch(p).run()) {
          return (System.nanoTime() - t0) / 1e9;
        }
      }
    }
  }

  /** CPU time of the whole process, native TF threads included (HotSpot on Linux). */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
