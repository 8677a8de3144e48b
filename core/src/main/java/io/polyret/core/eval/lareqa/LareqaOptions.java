package io.polyret.core.eval.lareqa;

import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.nio.file.Path;
import java.util.List;

/**
 * How a LAReQA evaluation runs.
 *
 * @param pairMetrics metrics of the monolingual and cross-lingual settings (default map, recall@1)
 * @param multilingualMetrics metrics of the multilingual setting (default map, recall@10)
 * @param kernel score kernel (default TensorFlow MatMul)
 * @param threads worker threads (default: available processors)
 * @param chunkRows query rows scored per kernel call (default 1024)
 * @param runDirectory where to write TREC run and qrels files per setting and language pair; null
 *     for none
 * @param runDepth documents per query in run files; 0 writes the full pool (then trec_eval's
 *     {@code map} equals polyret's mAP; with a depth it equals {@code map@depth})
 * @param allowGpu whether the TensorFlow kernel may run on a GPU (TensorFlow's default placement);
 *     false keeps it on the CPU
 */
public record LareqaOptions(List<Metric> pairMetrics, List<Metric> multilingualMetrics,
    ScoreKernels.Kind kernel, int threads, int chunkRows, Path runDirectory, int runDepth, boolean allowGpu) {

  /** Options whose TensorFlow kernel may run on a GPU. */
  public LareqaOptions(List<Metric> pairMetrics, List<Metric> multilingualMetrics,
      ScoreKernels.Kind kernel, int threads, int chunkRows, Path runDirectory, int runDepth) {
    this(pairMetrics, multilingualMetrics, kernel, threads, chunkRows, runDirectory, runDepth, true);
  }

  /** Validates every field. */
  public LareqaOptions {
    if (pairMetrics == null || pairMetrics.isEmpty()) {
      throw new IllegalArgumentException("pairMetrics is empty");
    }
    if (multilingualMetrics == null || multilingualMetrics.isEmpty()) {
      throw new IllegalArgumentException("multilingualMetrics is empty");
    }
    pairMetrics = List.copyOf(pairMetrics);
    multilingualMetrics = List.copyOf(multilingualMetrics);
    if (kernel == null) {
      throw new IllegalArgumentException("kernel is null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1: " + chunkRows);
    }
    if (runDepth < 0) {
      throw new IllegalArgumentException("runDepth must be >= 0: " + runDepth);
    }
  }

  /** The paper's metrics, TF kernel, all processors, no run files. */
  public static LareqaOptions defaults() {
    return new LareqaOptions(List.of(Metric.MAP, Metric.parse("recall@1")),
        List.of(Metric.MAP, Metric.parse("recall@10")), ScoreKernels.Kind.TENSORFLOW,
        Runtime.getRuntime().availableProcessors(), 1024, null, 100);
  }

  /** Copy with another kernel. */
  public LareqaOptions withKernel(ScoreKernels.Kind k) {
    return new LareqaOptions(pairMetrics, multilingualMetrics, k, threads, chunkRows, runDirectory,
        runDepth, allowGpu);
  }

  /** Copy with another thread count. */
  public LareqaOptions withThreads(int n) {
    return new LareqaOptions(pairMetrics, multilingualMetrics, kernel, n, chunkRows, runDirectory,
        runDepth, allowGpu);
  }

  /** Copy writing run files to {@code dir} at {@code depth} (0: full pool). */
  public LareqaOptions withRuns(Path dir, int depth) {
    return new LareqaOptions(pairMetrics, multilingualMetrics, kernel, threads, chunkRows, dir,
        depth, allowGpu);
  }

  /** Copy that allows or forbids a GPU for the TensorFlow kernel. */
  public LareqaOptions withAllowGpu(boolean allow) {
    return new LareqaOptions(pairMetrics, multilingualMetrics, kernel, threads, chunkRows, runDirectory,
        runDepth, allow);
  }
}
