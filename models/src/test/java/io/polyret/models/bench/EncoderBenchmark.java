package io.polyret.models.bench;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.TokenLayout;
import io.polyret.models.encoder.TransformerEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Measures encoder speed on this machine (a command, not a test).
 *
 * <pre>
 * java -cp ... io.polyret.models.bench.EncoderBenchmark MODE VOCAB HIDDEN LAYERS HEADS FFN SEQ BATCH STEPS
 *   MODE = encode (inference embeddings) | train (dropout, in-batch contrastive loss of query/passage
 *          pairs, gradients and a plain SGD update of every variable)
 * </pre>
 *
 * System property {@code bench.dropout} (default 0.1) sets both dropout rates; {@code bench.layout}
 * ({@code packed}, the default, or {@code padded}) the encoder's {@link TokenLayout};
 * {@code bench.lengths} a file of the 4 cycled batches' sequence lengths (as
 * {@code src/bench/torch_batch_lengths.py} prints the PyTorch reference's), else random lengths in
 * [seq/2, seq].
 * Prints the median wall time per step over STEPS timed steps (after 3 warm-up steps) and the median
 * process CPU time per step (all threads; steadier than wall time on a machine shared with other
 * work, where it is the figure to compare).
 */
public final class EncoderBenchmark {
  private EncoderBenchmark() {}

  /** CPU time consumed so far by every thread of this process (getrusage granularity), in ns. */
  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Lengths of the 4 pooled batches: from {@code file} (one line of space-separated lengths per
   * batch; in train mode two lines, queries then passages, per batch), else random in [seq/2, seq].
   */
  private static int[][] poolLengths(String file, boolean train, int rows, int seq) {
    int[][] out = new int[4][rows];
    if (file == null) {
      Random rnd = new Random(11);
      for (int[] batch : out) {
        for (int r = 0; r < rows; r++) {
          batch[r] = seq / 2 + rnd.nextInt(seq / 2 + 1);
        }
      }
      return out;
    }
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read bench.lengths file " + file, e);
    }
    int perBatch = train ? 2 : 1;
    if (lines.size() != 4 * perBatch) {
      throw new IllegalArgumentException(file + ": expected " + 4 * perBatch + " lines of lengths, found " + lines.size());
    }
    for (int b = 0; b < 4; b++) {
      int r = 0;
      for (int part = 0; part < perBatch; part++) {
        String line = lines.get(b * perBatch + part).trim();
        for (String v : line.split("\\s+")) {
          int len = Integer.parseInt(v);
          if (len < 1 || len > seq || r >= rows) {
            throw new IllegalArgumentException(file + " line " + (b * perBatch + part + 1) + ": length " + len
                + " outside [1, " + seq + "] or more than " + rows + " rows");
          }
          out[b][r++] = len;
        }
      }
      if (r != rows) {
        throw new IllegalArgumentException(file + ": batch " + (b + 1) + " has " + r + " lengths, expected " + rows);
      }
    }
    return out;
  }

  public static void main(String[] args) {
    if (args.length != 9) {
      System.err.println("usage: EncoderBenchmark encode|train VOCAB HIDDEN LAYERS HEADS FFN SEQ BATCH STEPS");
      System.exit(2);
    }
    String mode = args[0];
    int[] a = Arrays.stream(args, 1, 9).mapToInt(Integer::parseInt).toArray();
    EncoderConfig config = EncoderConfig.builder().modelType("xlm-roberta").vocabSize(a[0]).hiddenSize(a[1])
        .numHiddenLayers(a[2]).numAttentionHeads(a[3]).intermediateSize(a[4])
        .maxPositionEmbeddings(a[5] + 2).typeVocabSize(1).padTokenId(1)
        .hiddenDropoutProb(Double.parseDouble(System.getProperty("bench.dropout", "0.1")))
        .attentionProbsDropoutProb(Double.parseDouble(System.getProperty("bench.dropout", "0.1"))).build();
    int seq = a[5];
    int batch = a[6];
    int steps = a[7];
    boolean train = mode.equals("train");
    TokenLayout layout = TokenLayout.valueOf(System.getProperty("bench.layout", "packed").toUpperCase(java.util.Locale.ROOT));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, false, 1);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> mask = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      List<Op> targets = new ArrayList<>();
      Operand<TFloat32> fetch;
      if (train) {
        DropoutContext ctx = DropoutContext.training(seed);
        // rows [0, batch) are queries, [batch, 2*batch) passages: one encoder call each, shared weights
        Operand<TInt32> half = tf.constant(new int[] {batch, -1});
        Operand<TInt32> zero = tf.constant(new int[] {0, 0});
        Operand<TInt32> mid = tf.constant(new int[] {batch, 0});
        Operand<TFloat32> q = TransformerEncoder.embed(tf, vars, tf.slice(ids, zero, half), tf.slice(mask, zero, half),
            Pooling.MEAN, ctx, layout);
        Operand<TFloat32> p = TransformerEncoder.embed(tf, vars, tf.slice(ids, mid, half), tf.slice(mask, mid, half),
            Pooling.MEAN, ctx, layout);
        Operand<TFloat32> logits = tf.math.mul(
            tf.linalg.matMul(q, p, org.tensorflow.op.linalg.MatMul.transposeB(true)), tf.constant(20f));
        Operand<TFloat32> labels = tf.oneHot(tf.range(tf.constant(0), tf.constant(batch), tf.constant(1)),
            tf.constant(batch), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.math.mean(
            tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
        List<Variable<TFloat32>> vs = new ArrayList<>(vars.all().values());
        Gradients grads = tf.gradients(loss, vs);
        for (int i = 0; i < vs.size(); i++) {
          @SuppressWarnings("unchecked")
          Operand<TFloat32> dy = (Operand<TFloat32>) (Operand<?>) grads.dy(i);
          targets.add(tf.train.applyGradientDescent(vs.get(i), tf.constant(1e-3f), dy));
        }
        fetch = loss;
      } else {
        fetch = TransformerEncoder.embed(tf, vars, ids, mask, Pooling.MEAN, DropoutContext.inference(), layout);
      }
      int rows = train ? 2 * batch : batch;
      int[][] lengths = poolLengths(System.getProperty("bench.lengths"), train, rows, seq);
      Random rnd = new Random(7);
      List<TInt32[]> pool = new ArrayList<>();
      long realTokens = 0;
      for (int[] rowLengths : lengths) {
        int[][] idsArr = new int[rows][seq];
        int[][] maskArr = new int[rows][seq];
        for (int r = 0; r < rows; r++) {
          int len = rowLengths[r];
          realTokens += len;
          for (int t = 0; t < seq; t++) {
            idsArr[r][t] = t < len ? 3 + rnd.nextInt(config.vocabSize() - 3) : 1;
            maskArr[r][t] = t < len ? 1 : 0;
          }
        }
        pool.add(new TInt32[] {TInt32.tensorOf(StdArrays.ndCopyOf(idsArr)), TInt32.tensorOf(StdArrays.ndCopyOf(maskArr))});
      }
      double realFraction = realTokens / (double) (lengths.length * rows * seq);
      ConfigProto cp = ConfigProto.newBuilder().setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1).build();
      try (Session s = new Session(g, cp)) {
        s.run(vars.initializer());
        long[] times = new long[steps];
        long[] cpuTimes = new long[steps];
        for (int i = -3; i < steps; i++) {
          // Batches cycle from the first warm-up step on, as in the PyTorch reference.
          TInt32[] b = pool.get((i + 3) % pool.size());
          try (TInt64 seedT = TInt64.vectorOf(5, i)) {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            Session.Runner r = s.runner().feed(ids, b[0]).feed(mask, b[1]).feed(seed, seedT).fetch(fetch);
            targets.forEach(r::addTarget);
            r.run().close();
            if (i >= 0) {
              times[i] = System.nanoTime() - t0;
              cpuTimes[i] = processCpuNanos() - c0;
            }
          }
        }
        Arrays.sort(times);
        double ms = times[steps / 2] / 1e6;
        double cpuMs = Arrays.stream(cpuTimes).average().orElseThrow() / 1e6;
        System.out.printf(java.util.Locale.ROOT,
            "%s (%s) vocab=%d hidden=%d layers=%d heads=%d ffn=%d seq=%d batch=%d: median %.1f ms/step, %.0f seq/s;"
                + " mean CPU %.1f ms/step, %.1f seq per CPU-second%n",
            mode, layout.name().toLowerCase(java.util.Locale.ROOT), a[0], a[1], a[2], a[3], a[4], seq, batch, ms,
            rows / (ms / 1000), cpuMs, rows / (cpuMs / 1000));
        System.out.printf(java.util.Locale.ROOT, "  %d batches cycled, real tokens %.4f of the padded slots%s%n",
            pool.size(), realFraction, System.getProperty("bench.lengths") == null ? "" : " (lengths from a file)");
      } finally {
        pool.forEach(b -> {
          b[0].close();
          b[1].close();
        });
      }
    }
  }
}
