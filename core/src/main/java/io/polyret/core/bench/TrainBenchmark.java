package io.polyret.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.model.DualEncoder;
import io.polyret.core.model.EncodedTriplets;
import io.polyret.core.model.LossMode;
import io.polyret.core.train.AdamW;
import io.polyret.core.train.SessionConfigs;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.ProductPrecision;
import io.polyret.models.encoder.TokenLayout;
import io.polyret.models.tokenizer.EncodedBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Training-throughput benchmark of the dual encoder (a command, not a test): the model of
 * {@code shared/bench/torch_dual_encoder_bench.py} (post-LayerNorm BERT encoder, no dropout, masked
 * mean pooling, L2 norm, cosine / 0.05, in-batch softmax cross-entropy, AdamW lr 1e-4 weight decay
 * 0.01) on random ids with random lengths in [seq/2, seq], padded to seq. Untimed warm-up steps, then
 * timed steps; prints one JSON line with the median ms/step, achieved GFLOP/s (FLOPs per step
 * {@code 6·N·T + 12·L·S²·H·n_seq}), peak RSS and heap, and the float32 rate of one large matrix
 * product measured in the same process.
 *
 * <pre>
 * java -cp ... io.polyret.core.bench.TrainBenchmark [--config TINY|SMALL|BASE] [--steps 20] [--warmup 3]
 *     [--threads 2] [--bf16] [--symmetric] [--matmul 2048] [--layout packed|padded] [--pool 4] [--trace]
 *     [--lengths FILE]
 * </pre>
 */
public final class TrainBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The benchmark shapes: vocab, hidden, layers, heads, FFN, sequence length, pairs per step. */
  public enum Preset {
    TINY(8000, 128, 2, 4, 512, 64, 32),
    SMALL(32000, 256, 4, 4, 1024, 128, 32),
    BASE(32000, 768, 12, 12, 3072, 128, 8);

    final int vocab;
    final int hidden;
    final int layers;
    final int heads;
    final int ffn;
    final int seq;
    final int pairs;

    Preset(int vocab, int hidden, int layers, int heads, int ffn, int seq, int pairs) {
      this.vocab = vocab;
      this.hidden = hidden;
      this.layers = layers;
      this.heads = heads;
      this.ffn = ffn;
      this.seq = seq;
      this.pairs = pairs;
    }

    EncoderConfig encoder() {
      return EncoderConfig.builder()
          .vocabSize(vocab)
          .hiddenSize(hidden)
          .numHiddenLayers(layers)
          .numAttentionHeads(heads)
          .intermediateSize(ffn)
          .maxPositionEmbeddings(seq)
          .typeVocabSize(1)
          .hiddenDropoutProb(0)
          .attentionProbsDropoutProb(0)
          .build();
    }
  }

  private TrainBenchmark() {}

  public static void main(String[] args) throws IOException {
    Preset preset = Preset.TINY;
    int steps = 20;
    int warmup = 3;
    int threads = 2;
    boolean bf16 = false;
    boolean symmetric = false;
    int matmul = 2048;
    TokenLayout layout = TokenLayout.PACKED;
    int poolSize = 4;
    boolean trace = false;
    Path lengthsFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> preset = Preset.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--bf16" -> bf16 = true;
        case "--symmetric" -> symmetric = true;
        case "--matmul" -> matmul = Integer.parseInt(args[++i]);
        case "--trace" -> trace = true;
        case "--lengths" -> lengthsFile = Path.of(args[++i]);
        case "--pool" -> poolSize = Integer.parseInt(args[++i]);
        case "--layout" -> layout = TokenLayout.valueOf(args[++i].toUpperCase(Locale.ROOT));
        default -> {
          System.err.println("unknown argument '" + args[i] + "'; usage: TrainBenchmark [--config TINY|SMALL|BASE]"
              + " [--steps N] [--warmup N] [--threads N] [--bf16] [--symmetric] [--matmul N (0 = skip)]"
              + " [--layout packed|padded] [--pool N] [--trace] [--lengths FILE]");
          System.exit(2);
        }
      }
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("--pool must be >= 1, got " + poolSize);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
    }
    List<int[]> lengths = lengthsFile == null ? null : readLengths(lengthsFile, preset);
    ObjectNode out = train(preset, steps, warmup, threads, bf16, symmetric, layout, poolSize, trace, lengths);
    if (matmul > 0) {
      out.put("matmul_n", matmul);
      double[] rate = matmulRate(matmul, threads);
      out.put("matmul_gflops_per_s", round(rate[0], 1));
      out.put("matmul_gflops_per_cpu_s", round(rate[1], 1));
      double trainPerCpu = out.get("achieved_gflops_per_cpu_s").asDouble();
      out.put("cpu_fraction_of_matmul_rate", round(trainPerCpu / rate[1], 3));
      out.put("fraction_of_matmul_rate", round(out.get("achieved_gflops_per_s").asDouble() / rate[0], 3));
      out.put("executed_fraction_of_matmul_rate", round(out.get("executed_gflops_per_s").asDouble() / rate[0], 3));
    }
    out.put("peak_rss_mb", round(peakRssMb(), 1));
    out.put("peak_heap_mb", round(peakHeapMb(), 1));
    System.out.println(JSON.writeValueAsString(out));
  }

  private static ObjectNode train(
      Preset p, int steps, int warmup, int threads, boolean bf16, boolean symmetric, TokenLayout layout,
      int poolSize, boolean trace, List<int[]> lengths) {
    EncoderConfig config = p.encoder();
    SplittableRandom random = new SplittableRandom(1);
    List<EncodedTriplets> pool = new ArrayList<>();
    if (lengths != null) {
      for (int i = 0; i + 1 < lengths.size(); i += 2) {
        pool.add(new EncodedTriplets(batch(random, p, lengths.get(i)), batch(random, p, lengths.get(i + 1))));
      }
    } else {
      for (int i = 0; i < poolSize; i++) {
        pool.add(new EncodedTriplets(batch(random, p, null), batch(random, p, null)));
      }
    }
    List<Double> times = new ArrayList<>();
    List<Double> cpuTimes = new ArrayList<>();
    List<Float> losses = new ArrayList<>();
    float firstLoss = Float.NaN;
    float lastLoss = Float.NaN;
    long nonEmbedding = 0;
    ObjectNode profile = null;
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(threads))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, false, 1);
      DualEncoder dual = DualEncoder.build(tf, vars, Pooling.MEAN, LossMode.IN_BATCH, symmetric, 0.05, layout,
          bf16 ? ProductPrecision.BFLOAT16 : ProductPrecision.FLOAT32);
      // torch's AdamW group split: decay on 2-D weights only; no clipping, as in the reference.
      AdamW opt = AdamW.build(tf, dual.trainingLoss(), vars.all(), name -> vars.shape(name).numDimensions() != 2,
          new AdamW.Settings(0.9, 0.999, 1e-8, 0.01, 0));
      run(s, vars.initializer());
      run(s, opt.initializer());
      for (Map.Entry<String, Shape> e : vars.shapes().entrySet()) {
        if (!e.getKey().startsWith("embeddings.") || e.getKey().contains("LayerNorm")) {
          nonEmbedding += e.getValue().size();
        }
      }
      // Id tensors are built before the timer starts: the timed part is the graph run.
      try (TFloat32 lr = TFloat32.scalarOf(1e-4f)) {
        for (int step = 0; step < warmup + steps; step++) {
          Session.Runner runner = s.runner();
          List<Tensor> tensors = dual.feed(runner, pool.get(step % pool.size()), DualEncoder.dropoutSeed(1, step));
          long t0 = System.nanoTime();
          long c0 = processCpuNanos();
          try (Result r = runner.feed(opt.learningRate(), lr).fetch(dual.trainingLoss()).addTarget(opt.step()).run()) {
            float loss = ((TFloat32) r.get(0)).getFloat();
            if (step == 0) {
              firstLoss = loss;
            }
            lastLoss = loss;
            losses.add(loss);
          }
          double ms = (System.nanoTime() - t0) / 1e6;
          double cpuMs = (processCpuNanos() - c0) / 1e6;
          if (step >= warmup) {
            times.add(ms);
            cpuTimes.add(cpuMs);
          }
          tensors.forEach(Tensor::close);
        }
        if (trace) {
          Session.Runner runner = s.runner().setOptions(StepProfile.FULL_TRACE);
          List<Tensor> tensors = dual.feed(runner, pool.get(0), DualEncoder.dropoutSeed(1, 0));
          try (Result r = runner.feed(opt.learningRate(), lr).fetch(dual.trainingLoss()).addTarget(opt.step())
              .runAndFetchMetadata()) {
            profile = StepProfile.summarise(r.getMetadata().orElseThrow(), g, 25);
          } finally {
            tensors.forEach(Tensor::close);
          }
        }
      }
    }
    double median = median(times);
    long nSeq = 2L * p.pairs;
    long tokens = nSeq * p.seq;
    double attentionFlops = 12.0 * p.layers * (double) p.seq * p.seq * p.hidden * nSeq;
    double flops = 6.0 * nonEmbedding * tokens + attentionFlops;
    // The packed layout runs the token-wise layers over real tokens only (attention stays padded),
    // so the formula above, which counts padding, overstates the work it does.
    double realTokens = pool.stream().mapToLong(b -> realTokens(b.queries()) + realTokens(b.passages())).average()
        .orElseThrow();
    double executedFlops = layout == TokenLayout.PACKED ? 6.0 * nonEmbedding * realTokens + attentionFlops : flops;
    ObjectNode o = JSON.createObjectNode();
    o.put("impl", "polyret-tensorflow-java");
    o.put("mode", "train");
    o.put("config", p.name());
    o.put("median_ms_per_step", round(median, 2));
    o.put("pairs_per_s", round(p.pairs / (median / 1000), 2));
    o.put("min_ms", round(times.stream().mapToDouble(d -> d).min().orElseThrow(), 2));
    o.put("max_ms", round(times.stream().mapToDouble(d -> d).max().orElseThrow(), 2));
    // CPU time (all threads of the process) per step: robust to other processes sharing the cores,
    // where wall time is not; on an idle machine with T threads it is about T x the wall time.
    double cpuMedian = median(cpuTimes);
    o.put("median_cpu_ms_per_step", round(cpuMedian, 2));
    o.put("mean_cpu_ms_per_step", round(cpuTimes.stream().mapToDouble(d -> d).average().orElseThrow(), 2));
    o.put("gflop_per_step", round(flops / 1e9, 3));
    o.put("achieved_gflops_per_s", round(flops / 1e9 / (median / 1000), 2));
    o.put("real_token_fraction", round(realTokens / tokens, 4));
    o.put("executed_gflop_per_step", round(executedFlops / 1e9, 3));
    o.put("executed_gflops_per_s", round(executedFlops / 1e9 / (median / 1000), 2));
    // Per second of CPU time (one core): compare with matmul_gflops_per_cpu_s under load.
    o.put("achieved_gflops_per_cpu_s", round(flops / 1e9 / (cpuMedian / 1000), 2));
    o.put("loss_first", round(firstLoss, 4));
    o.put("loss_last", round(lastLoss, 4));
    // Every step's loss, warm-up included: compare runs (e.g. --bf16 against float32) step by step.
    var curve = o.putArray("losses");
    losses.forEach(l -> curve.add(round(l, 5)));
    o.put("loss", symmetric ? "symmetric" : "in-batch (q2p)");
    o.put("non_embedding_params", nonEmbedding);
    o.put("steps", steps);
    o.put("warmup", warmup);
    o.put("threads", threads);
    o.put("bf16", bf16);
    o.put("layout", layout.name().toLowerCase(Locale.ROOT));
    o.put("distinct_batches", pool.size());
    o.put("lengths", lengths == null ? "random" : "file");
    if (profile != null) {
      o.set("traced_step", profile);
    }
    ObjectNode shape = o.putObject("shape");
    shape.put("vocab", p.vocab);
    shape.put("hidden", p.hidden);
    shape.put("layers", p.layers);
    shape.put("heads", p.heads);
    shape.put("ffn", p.ffn);
    shape.put("seq", p.seq);
    shape.put("pairs", p.pairs);
    return o;
  }

  private static long realTokens(EncodedBatch b) {
    long n = 0;
    for (int[] row : b.mask()) {
      for (int m : row) {
        n += m;
      }
    }
    return n;
  }

  /**
   * Sequence lengths from a file: one line per side per batch (queries, then passages, of each
   * pooled batch), {@code pairs} lengths in [1, seq] per line, as
   * {@code src/bench/torch_batch_lengths.py train} prints the PyTorch reference's.
   */
  static List<int[]> readLengths(Path file, Preset p) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || lines.size() % 2 != 0) {
      throw new IllegalArgumentException(file + ": expected an even number of lines (queries and passages of each"
          + " batch), found " + lines.size());
    }
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).trim().split("\\s+");
      if (parts.length != p.pairs) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + parts.length + " lengths, expected "
            + p.pairs);
      }
      int[] row = new int[parts.length];
      for (int j = 0; j < parts.length; j++) {
        row[j] = Integer.parseInt(parts[j]);
        if (row[j] < 1 || row[j] > p.seq) {
          throw new IllegalArgumentException(file + " line " + (i + 1) + ": length " + row[j] + " outside [1, "
              + p.seq + "]");
        }
      }
      out.add(row);
    }
    return out;
  }

  /**
   * Random ids in [5, vocab), padded with 0 to seq, for the given lengths ({@code p.pairs} of them),
   * or, with none, lengths drawn in [seq/2, seq] row by row before each row's ids.
   */
  private static EncodedBatch batch(SplittableRandom random, Preset p, int[] lengths) {
    int[][] rows = new int[p.pairs][];
    for (int i = 0; i < rows.length; i++) {
      int length = lengths == null ? random.nextInt(p.seq / 2, p.seq + 1) : lengths[i];
      rows[i] = new int[length];
      for (int j = 0; j < length; j++) {
        rows[i][j] = random.nextInt(5, p.vocab);
      }
    }
    return EncodedBatch.pad(rows, 0, p.seq);
  }

  /**
   * GFLOP/s of one n x n float32 matrix product, median of 5 after one untimed run: per second of
   * wall time, and per second of process CPU time.
   */
  static double[] matmulRate(int n, int threads) {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(threads))) {
      Ops tf = Ops.create(g);
      Shape shape = Shape.of(n, n);
      Variable<TFloat32> a = tf.withName("bench.a").variable(shape, TFloat32.class);
      Variable<TFloat32> b = tf.withName("bench.b").variable(shape, TFloat32.class);
      run(s, tf.assign(a, tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {1, 2}))));
      run(s, tf.assign(b, tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {3, 4}))));
      // A scalar result keeps the timing free of copying the product back to Java.
      Operand<TFloat32> product = tf.linalg.matMul(tf.identity(a), tf.identity(b));
      Operand<TFloat32> probe = tf.slice(product, tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1}));
      List<Double> times = new ArrayList<>();
      List<Double> cpuTimes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        try (Result ignored = s.runner().fetch(probe).run()) {
          double sec = (System.nanoTime() - t0) / 1e9;
          double cpuSec = (processCpuNanos() - c0) / 1e9;
          if (i > 0) {
            times.add(sec);
            cpuTimes.add(cpuSec);
          }
        }
      }
      double flops = 2.0 * n * n * (double) n;
      return new double[] {flops / median(times) / 1e9, flops / median(cpuTimes) / 1e9};
    }
  }

  /** CPU time consumed so far by every thread of this process, in nanoseconds. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private static void run(Session s, Op target) {
    try (Result ignored = s.runner().addTarget(target).run()) {
      // target only
    }
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(d -> d).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no RSS figure
    }
    return Double.NaN;
  }

  private static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
