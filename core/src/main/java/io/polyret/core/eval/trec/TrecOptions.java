package io.polyret.core.eval.trec;

import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.nio.file.Path;
import java.util.List;

/**
 * How a TREC-style (topics + qrels + JSON-lines corpus) evaluation runs.
 *
 * @param metrics metrics (default ndcg@10, recall@100: MIRACL's)
 * @param depth documents retrieved per query; at least the largest metric cutoff (default 100)
 * @param chunkDocuments passages encoded and scored per step of the corpus stream (default 8192)
 * @param kernel score kernel
 * @param threads worker threads
 * @param runFile TREC run file to write (depth lines per query), or null
 * @param allowGpu whether the TensorFlow kernel may run on a GPU; false keeps it on the CPU
 */
public record TrecOptions(List<Metric> metrics, int depth, int chunkDocuments,
    ScoreKernels.Kind kernel, int threads, Path runFile, boolean allowGpu) {

  /** Options whose TensorFlow kernel may run on a GPU. */
  public TrecOptions(List<Metric> metrics, int depth, int chunkDocuments, ScoreKernels.Kind kernel, int threads,
      Path runFile) {
    this(metrics, depth, chunkDocuments, kernel, threads, runFile, true);
  }

  /** Validates every field. */
  public TrecOptions {
    if (metrics == null || metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics is empty");
    }
    metrics = List.copyOf(metrics);
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1: " + depth);
    }
    for (Metric m : metrics) {
      if (m.cutoff() > depth) {
        throw new IllegalArgumentException(
            "metric " + m + " needs depth >= " + m.cutoff() + ", but depth is " + depth);
      }
    }
    if (chunkDocuments < 1) {
      throw new IllegalArgumentException("chunkDocuments must be >= 1: " + chunkDocuments);
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel is null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
  }

  /** MIRACL's metrics at depth 100, TF kernel, all processors, no run file. */
  public static TrecOptions defaults() {
    return new TrecOptions(List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100")), 100,
        8192, ScoreKernels.Kind.TENSORFLOW, Runtime.getRuntime().availableProcessors(), null);
  }

  /** Copy writing a run file. */
  public TrecOptions withRunFile(Path file) {
    return new TrecOptions(metrics, depth, chunkDocuments, kernel, threads, file, allowGpu);
  }

  /** Copy with another kernel. */
  public TrecOptions withKernel(ScoreKernels.Kind k) {
    return new TrecOptions(metrics, depth, chunkDocuments, k, threads, runFile, allowGpu);
  }

  /** Copy that allows or forbids a GPU for the TensorFlow kernel. */
  public TrecOptions withAllowGpu(boolean allow) {
    return new TrecOptions(metrics, depth, chunkDocuments, kernel, threads, runFile, allow);
  }
}
