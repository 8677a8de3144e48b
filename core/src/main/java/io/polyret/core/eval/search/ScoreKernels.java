package io.polyret.core.eval.search;

import java.util.Locale;

/** Creates score kernels by name: {@code tensorflow} (TF MatMul) or {@code java}. */
public final class ScoreKernels {
  private ScoreKernels() {}

  /** The available kernels. */
  public enum Kind {
    /** TensorFlow MatMul on the device TF uses (CPU, or GPU with the gpu natives). */
    TENSORFLOW,
    /** Pure Java, multi-threaded blocked product. */
    JAVA;

    /** Parses {@code tensorflow}/{@code tf} or {@code java}. */
    public static Kind parse(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "tensorflow", "tf" -> TENSORFLOW;
        case "java" -> JAVA;
        default -> throw new IllegalArgumentException(
            "unknown score kernel '" + name + "' (known: tensorflow, java)");
      };
    }
  }

  /**
   * A kernel over candidates stored row-major ({@code count * dimension} floats).
   *
   * @param threads threads to use (TF intra-op threads, or Java worker threads)
   */
  public static ScoreKernel create(Kind kind, float[] candidates, int count, int dimension,
      int threads) {
    return create(kind, candidates, count, dimension, threads, true);
  }

  /**
   * A kernel over candidates stored row-major; with {@code allowGpu} false the TensorFlow kernel's
   * session sees no GPU.
   */
  public static ScoreKernel create(Kind kind, float[] candidates, int count, int dimension,
      int threads, boolean allowGpu) {
    return switch (kind) {
      case TENSORFLOW -> new TensorFlowScoreKernel(candidates, count, dimension, threads, allowGpu);
      case JAVA -> new JavaScoreKernel(candidates, count, dimension, threads);
    };
  }

  static void checkShape(float[] candidates, int count, int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("embedding dimension must be positive: " + dimension);
    }
    if (count <= 0) {
      throw new IllegalArgumentException("empty candidate pool: no candidates to score");
    }
    if ((long) count * dimension != candidates.length) {
      throw new IllegalArgumentException("candidate matrix holds " + candidates.length
          + " floats, expected " + count + " x " + dimension);
    }
  }

  /** Checks that {@code queries} holds rows {@code firstRow..firstRow+rows} and {@code out} their scores. */
  static void checkBuffers(float[] queries, int firstRow, int rows, int dimension, int count, float[] out) {
    if ((long) (firstRow + rows) * dimension > queries.length || (long) rows * count > out.length) {
      throw new IllegalArgumentException("buffers too small for " + rows + " rows");
    }
  }
}
