package io.polyret.core.eval.lareqa;

import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.metrics.RelevantRanks;
import io.polyret.core.eval.search.ScoreKernel;
import io.polyret.core.eval.search.ScoreKernels;
import io.polyret.core.eval.search.TopK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the LAReQA protocol (monolingual, cross-lingual, multilingual, rank distance) over given
 * embeddings.
 *
 * <p>The query x candidate score matrix is computed once, in chunks of query rows; every setting
 * reads its column blocks of each chunk. Ranks of relevant candidates are found by counting, per
 * language block, the candidates that outrank each gold (trec_eval's order: score descending, docid
 * descending), never by sorting a pool: the counts of one row serve every pool of that query (the
 * rank of a gold in a pool is one plus the sum of its counts over the pool's languages).
 */
public final class LareqaEvaluator {
  private final LareqaBenchmark benchmark;
  private final LareqaIndex index;
  private final LareqaOptions options;
  private long scoringNanos;
  private long rankingNanos;
  private long scoringCpuNanos;
  private long rankingCpuNanos;

  /** An evaluator of {@code benchmark} with {@code options}. */
  public LareqaEvaluator(LareqaBenchmark benchmark, LareqaOptions options) {
    this.benchmark = benchmark;
    this.index = new LareqaIndex(benchmark);
    this.options = options;
  }

  /** Seconds the last {@link #evaluate} spent in the score kernel (products and copies). */
  public double lastScoringSeconds() {
    return scoringNanos / 1e9;
  }

  /** Seconds the last {@link #evaluate} spent ranking, computing metrics and writing runs. */
  public double lastRankingSeconds() {
    return rankingNanos / 1e9;
  }

  /** Process CPU seconds (all threads) the last {@link #evaluate} spent in the score kernel. */
  public double lastScoringCpuSeconds() {
    return scoringCpuNanos / 1e9;
  }

  /** Process CPU seconds (all threads) the last {@link #evaluate} spent ranking. */
  public double lastRankingCpuSeconds() {
    return rankingCpuNanos / 1e9;
  }

  /** CPU time of the whole process, native threads included (HotSpot); 0 where unavailable. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime() : 0;
  }

  /** Number of queries (rows of the query embedding matrix), all languages. */
  public int queryCount() {
    return index.queryCount;
  }

  /** Number of candidates (rows of the candidate embedding matrix), all languages. */
  public int candidateCount() {
    return index.candidateCount;
  }

  /**
   * Evaluates. Embeddings are row-major, one row per query / candidate in benchmark order
   * (language after language; see {@link LareqaBenchmark#questionTexts()} and
   * {@link LareqaBenchmark#candidateTexts()}), normally L2-normalised.
   *
   * @throws IllegalArgumentException if a matrix does not hold {@code rows x dimension} floats or
   *     holds a non-finite value
   */
  public LareqaResult evaluate(float[] queryEmbeddings, float[] candidateEmbeddings, int dimension) {
    if (index.queryCount == 0) {
      throw new IllegalArgumentException("benchmark '" + benchmark.name() + "' has no questions");
    }
    checkEmbeddings("query", queryEmbeddings, index.queryCount, dimension);
    checkEmbeddings("candidate", candidateEmbeddings, index.candidateCount, dimension);
    int languages = index.languageCount;
    int pm = options.pairMetrics().size();
    int mm = options.multilingualMetrics().size();
    double[] pairValues = new double[index.queryCount * languages * pm];
    double[] multiValues = new double[index.queryCount * mm];
    double[] distances = new double[index.queryCount];
    Arrays.fill(pairValues, Double.NaN);
    Arrays.fill(multiValues, Double.NaN);
    Arrays.fill(distances, Double.NaN);
    scoringNanos = 0;
    rankingNanos = 0;
    scoringCpuNanos = 0;
    rankingCpuNanos = 0;

    LareqaRunWriter runs = options.runDirectory() == null ? null
        : new LareqaRunWriter(options.runDirectory(), benchmark, index);
    int threads = options.threads();
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "polyret-lareqa");
      t.setDaemon(true);
      return t;
    }) : null;
    boolean done = false;
    try (ScoreKernel kernel = ScoreKernels.create(options.kernel(), candidateEmbeddings,
        index.candidateCount, dimension, threads, options.allowGpu())) {
      int chunk = Math.min(options.chunkRows(), index.queryCount);
      float[] scores = new float[chunk * index.candidateCount];
      int[][][] tops = runs == null ? null : new int[chunk][][];
      RowWorker[] workers = new RowWorker[threads];
      for (int t = 0; t < threads; t++) {
        workers[t] = new RowWorker(pairValues, multiValues, distances);
      }
      for (int first = 0; first < index.queryCount; first += chunk) {
        int rows = Math.min(chunk, index.queryCount - first);
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        kernel.score(queryEmbeddings, first, rows, scores);
        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        runRows(pool, workers, scores, first, rows, tops);
        if (runs != null) {
          runs.write(scores, first, rows, tops);
        }
        scoringNanos += t1 - t0;
        rankingNanos += System.nanoTime() - t1;
        scoringCpuNanos += c1 - c0;
        rankingCpuNanos += processCpuNanos() - c1;
      }
      if (runs != null) {
        runs.commit();
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("writing run files to " + options.runDirectory(), e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
      if (runs != null && !done) {
        runs.abort();
      }
    }
    return aggregate(pairValues, multiValues, distances);
  }

  private void runRows(ExecutorService pool, RowWorker[] workers, float[] scores, int first,
      int rows, int[][][] tops) {
    if (pool == null) {
      workers[0].process(scores, first, 0, rows, tops);
      return;
    }
    int per = (rows + workers.length - 1) / workers.length;
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < workers.length; t++) {
      int from = t * per;
      int to = Math.min(rows, from + per);
      if (from >= to) {
        break;
      }
      RowWorker w = workers[t];
      futures.add(pool.submit(() -> w.process(scores, first, from, to, tops)));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Per-thread scratch space and the per-row computation. */
  private final class RowWorker {
    private final double[] pairValues;
    private final double[] multiValues;
    private final double[] distances;
    private final long[] rowKeys = new long[index.candidateCount];
    private long[] goldKeys = new long[16];
    private int[] beat = new int[0];

    RowWorker(double[] pairValues, double[] multiValues, double[] distances) {
      this.pairValues = pairValues;
      this.multiValues = multiValues;
      this.distances = distances;
    }

    void process(float[] scores, int firstQuery, int fromRow, int toRow, int[][][] tops) {
      for (int r = fromRow; r < toRow; r++) {
        int q = firstQuery + r;
        int offset = r * index.candidateCount;
        processRow(q, scores, offset);
        if (tops != null) {
          tops[r] = topLists(q, scores, offset);
        }
      }
    }

    private void processRow(int q, float[] row, int offset) {
      int[] golds = index.golds[q];
      int g = golds.length;
      int languages = index.languageCount;
      if (goldKeys.length < g) {
        goldKeys = new long[g];
      }
      if (beat.length < languages * g) {
        beat = new int[languages * g];
      }
      long[] keys = rowKeys;
      int[] docOrder = index.docOrder;
      for (int c = 0; c < keys.length; c++) {
        keys[c] = key63(row[offset + c], docOrder[c]);
      }
      for (int k = 0; k < g; k++) {
        goldKeys[k] = keys[golds[k]];
      }
      // beat[l * g + k] = candidates of language l that outrank gold k.
      for (int l = 0; l < languages; l++) {
        countAbove(keys, index.candidateStart[l], index.candidateStart[l + 1], goldKeys, g, beat, l * g);
      }
      List<Metric> pairMetrics = options.pairMetrics();
      int pm = pairMetrics.size();
      int[] ranks = new int[g];
      for (int y = 0; y < languages; y++) {
        int n = 0;
        for (int k = 0; k < g; k++) {
          if (index.candidateLanguage[golds[k]] == y) {
            ranks[n++] = 1 + beat[y * g + k];
          }
        }
        if (n == 0) {
          continue;
        }
        int[] poolRanks = Arrays.copyOf(ranks, n);
        Arrays.sort(poolRanks);
        RelevantRanks rr = RelevantRanks.binary(poolRanks, n);
        int at = (q * languages + y) * pm;
        for (int m = 0; m < pm; m++) {
          pairValues[at + m] = pairMetrics.get(m).compute(rr);
        }
      }
      for (int k = 0; k < g; k++) {
        int rank = 1;
        for (int l = 0; l < languages; l++) {
          rank += beat[l * g + k];
        }
        ranks[k] = rank;
      }
      Arrays.sort(ranks);
      RelevantRanks all = RelevantRanks.binary(ranks, g);
      List<Metric> multiMetrics = options.multilingualMetrics();
      for (int m = 0; m < multiMetrics.size(); m++) {
        multiValues[q * multiMetrics.size() + m] = multiMetrics.get(m).compute(all);
      }
      if (g >= 2) {
        distances[q] = rankDistance(keys, g);
      }
    }

    /**
     * Max minus min rank of the golds, with competition ranks (1 + candidates with a strictly
     * higher score): golds with equal scores share a rank, so the bias measure does not depend on
     * how docids happen to break ties (an encoder that maps parallel sentences to one vector has
     * rank distance 0).
     */
    private int rankDistance(long[] keys, int g) {
      long best = Long.MIN_VALUE;
      long worst = Long.MAX_VALUE;
      for (int k = 0; k < g; k++) {
        best = Math.max(best, goldKeys[k]);
        worst = Math.min(worst, goldKeys[k]);
      }
      // Setting the 31 docid bits gives the largest key of the same score: a key above it has a
      // strictly higher score.
      long bestScore = best | DOC_ORDER_MASK;
      long worstScore = worst | DOC_ORDER_MASK;
      long[] thresholds = {bestScore, worstScore};
      int[] above = new int[2];
      countAbove(keys, 0, keys.length, thresholds, 2, above, 0);
      return above[1] - above[0];
    }

    /** Top lists for run files: per pool language (null where no relevant), then multilingual. */
    private int[][] topLists(int q, float[] row, int offset) {
      int languages = index.languageCount;
      int[][] out = new int[languages + 1][];
      boolean[] hasGold = new boolean[languages];
      for (int gold : index.golds[q]) {
        hasGold[index.candidateLanguage[gold]] = true;
      }
      for (int y = 0; y < languages; y++) {
        if (hasGold[y]) {
          out[y] = TopK.select(row, offset, index.candidateStart[y], index.candidateStart[y + 1],
              index.docOrder, index.columnOfDocOrder, options.runDepth());
        }
      }
      out[languages] = TopK.select(row, offset, 0, index.candidateCount, index.docOrder,
          index.columnOfDocOrder, options.runDepth());
      return out;
    }
  }

  /**
   * {@code out[outOffset + k]} = how many of {@code keys[from, to)} are greater than
   * {@code thresholds[k]}, for {@code k < m}. Keys lie in [-2^62, 2^62), so {@code (t - key) >>> 63}
   * is 1 exactly when key > t: a branch-free count that HotSpot vectorises. Six thresholds share
   * each pass over the keys (one load of each key instead of six): about a third less time than one
   * pass per threshold for XQuAD-R's 11 golds per query.
   */
  static void countAbove(long[] keys, int from, int to, long[] thresholds, int m, int[] out, int outOffset) {
    int k = 0;
    for (; k + 5 < m; k += 6) {
      long t0 = thresholds[k];
      long t1 = thresholds[k + 1];
      long t2 = thresholds[k + 2];
      long t3 = thresholds[k + 3];
      long t4 = thresholds[k + 4];
      long t5 = thresholds[k + 5];
      long n0 = 0;
      long n1 = 0;
      long n2 = 0;
      long n3 = 0;
      long n4 = 0;
      long n5 = 0;
      for (int c = from; c < to; c++) {
        long x = keys[c];
        n0 += (t0 - x) >>> 63;
        n1 += (t1 - x) >>> 63;
        n2 += (t2 - x) >>> 63;
        n3 += (t3 - x) >>> 63;
        n4 += (t4 - x) >>> 63;
        n5 += (t5 - x) >>> 63;
      }
      out[outOffset + k] = (int) n0;
      out[outOffset + k + 1] = (int) n1;
      out[outOffset + k + 2] = (int) n2;
      out[outOffset + k + 3] = (int) n3;
      out[outOffset + k + 4] = (int) n4;
      out[outOffset + k + 5] = (int) n5;
    }
    for (; k + 1 < m; k += 2) {
      long t0 = thresholds[k];
      long t1 = thresholds[k + 1];
      long n0 = 0;
      long n1 = 0;
      for (int c = from; c < to; c++) {
        long x = keys[c];
        n0 += (t0 - x) >>> 63;
        n1 += (t1 - x) >>> 63;
      }
      out[outOffset + k] = (int) n0;
      out[outOffset + k + 1] = (int) n1;
    }
    for (; k < m; k++) {
      long t = thresholds[k];
      long n = 0;
      for (int c = from; c < to; c++) {
        n += (t - keys[c]) >>> 63;
      }
      out[outOffset + k] = (int) n;
    }
  }

  /**
   * Same order as {@link io.polyret.core.eval.search.RankingKeys#key} (score, then docid order)
   * packed in 63 bits, so differences of two keys cannot overflow.
   */
  private static final long DOC_ORDER_MASK = 0x7fffffffL;

  private static long key63(float score, int docOrder) {
    int bits = Float.floatToRawIntBits(score + 0.0f);
    bits ^= (bits >> 31) & 0x7fffffff;
    return ((long) bits << 31) | docOrder;
  }

  private LareqaResult aggregate(double[] pairValues, double[] multiValues, double[] distances) {
    int languages = index.languageCount;
    int pm = options.pairMetrics().size();
    int mm = options.multilingualMetrics().size();
    double[][][] pair = new double[languages][languages][pm];
    int[][] pairQueries = new int[languages][languages];
    int[][] pairSkipped = new int[languages][languages];
    double[][] multi = new double[languages][mm];
    int[] multiQueries = new int[languages];
    double[] rd = new double[languages];
    int[] rdQueries = new int[languages];
    for (int q = 0; q < index.queryCount; q++) {
      int x = index.queryLanguage[q];
      for (int y = 0; y < languages; y++) {
        int at = (q * languages + y) * pm;
        if (Double.isNaN(pairValues[at])) {
          pairSkipped[x][y]++;
          continue;
        }
        pairQueries[x][y]++;
        for (int m = 0; m < pm; m++) {
          pair[x][y][m] += pairValues[at + m];
        }
      }
      multiQueries[x]++;
      for (int m = 0; m < mm; m++) {
        multi[x][m] += multiValues[q * mm + m];
      }
      if (!Double.isNaN(distances[q])) {
        rdQueries[x]++;
        rd[x] += distances[q];
      }
    }
    for (int x = 0; x < languages; x++) {
      for (int y = 0; y < languages; y++) {
        for (int m = 0; m < pm; m++) {
          pair[x][y][m] = pairQueries[x][y] == 0 ? Double.NaN : pair[x][y][m] / pairQueries[x][y];
        }
      }
      for (int m = 0; m < mm; m++) {
        multi[x][m] = multiQueries[x] == 0 ? Double.NaN : multi[x][m] / multiQueries[x];
      }
      rd[x] = rdQueries[x] == 0 ? Double.NaN : rd[x] / rdQueries[x];
    }
    return new LareqaResult(benchmark.name(), benchmark.languageCodes(), options.pairMetrics(),
        options.multilingualMetrics(), pair, pairQueries, pairSkipped, multi, multiQueries, rd,
        rdQueries);
  }

  static void checkEmbeddings(String what, float[] embeddings, int rows, int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("embedding dimension must be positive: " + dimension);
    }
    if (embeddings.length != (long) rows * dimension) {
      throw new IllegalArgumentException(what + " embeddings hold " + embeddings.length
          + " floats, expected " + rows + " rows x " + dimension + " dimensions"
          + (embeddings.length % rows == 0 && rows > 0
              ? " (they have dimension " + embeddings.length / rows + ")" : ""));
    }
    for (int i = 0; i < embeddings.length; i++) {
      if (!Float.isFinite(embeddings[i])) {
        throw new IllegalArgumentException(what + " embedding row " + i / dimension
            + " holds a non-finite value: " + embeddings[i]);
      }
    }
  }
}
