package io.polyret.core.eval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pure-Java score kernel. Candidates are stored transposed ({@code [dimension][count]}) so the
 * inner loop is a contiguous multiply-add over candidates, which HotSpot vectorises; columns are
 * processed in cache-sized blocks and four query rows at a time.
 */
public final class JavaScoreKernel implements ScoreKernel {
  private static final int COLUMN_BLOCK = 256;
  private static final int ROW_GROUP = 4;

  private final int count;
  private final int dimension;
  private final float[] transposed;
  private final int threads;
  private final ExecutorService pool;

  /** See {@link ScoreKernels#create}. */
  public JavaScoreKernel(float[] candidates, int count, int dimension, int threads) {
    ScoreKernels.checkShape(candidates, count, dimension);
    this.count = count;
    this.dimension = dimension;
    this.threads = Math.max(1, threads);
    this.transposed = new float[candidates.length];
    for (int c = 0; c < count; c++) {
      for (int d = 0; d < dimension; d++) {
        transposed[d * count + c] = candidates[c * dimension + d];
      }
    }
    this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "polyret-java-kernel");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int candidateCount() {
    return count;
  }

  @Override
  public void score(float[] queries, int firstRow, int rows, float[] out) {
    ScoreKernels.checkBuffers(queries, firstRow, rows, dimension, count, out);
    int blocks = (count + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    if (pool == null) {
      for (int b = 0; b < blocks; b++) {
        scoreBlock(queries, firstRow, rows, out, b);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int first = t;
      futures.add(pool.submit(() -> {
        for (int b = first; b < blocks; b += threads) {
          scoreBlock(queries, firstRow, rows, out, b);
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while scoring", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("scoring failed", e.getCause());
      }
    }
  }

  private void scoreBlock(float[] q, int firstRow, int rows, float[] out, int block) {
    int from = block * COLUMN_BLOCK;
    int to = Math.min(count, from + COLUMN_BLOCK);
    int width = to - from;
    float[] acc = new float[ROW_GROUP * COLUMN_BLOCK];
    for (int r0 = 0; r0 < rows; r0 += ROW_GROUP) {
      int group = Math.min(ROW_GROUP, rows - r0);
      java.util.Arrays.fill(acc, 0f);
      if (group == ROW_GROUP) {
        int q0 = (firstRow + r0) * dimension;
        int q1 = q0 + dimension;
        int q2 = q1 + dimension;
        int q3 = q2 + dimension;
        for (int d = 0; d < dimension; d++) {
          float a0 = q[q0 + d];
          float a1 = q[q1 + d];
          float a2 = q[q2 + d];
          float a3 = q[q3 + d];
          int base = d * count + from;
          for (int j = 0; j < width; j++) {
            float b = transposed[base + j];
            acc[j] += a0 * b;
            acc[COLUMN_BLOCK + j] += a1 * b;
            acc[2 * COLUMN_BLOCK + j] += a2 * b;
            acc[3 * COLUMN_BLOCK + j] += a3 * b;
          }
        }
      } else {
        for (int g = 0; g < group; g++) {
          int qr = (firstRow + r0 + g) * dimension;
          int off = g * COLUMN_BLOCK;
          for (int d = 0; d < dimension; d++) {
            float a = q[qr + d];
            int base = d * count + from;
            for (int j = 0; j < width; j++) {
              acc[off + j] += a * transposed[base + j];
            }
          }
        }
      }
      for (int g = 0; g < group; g++) {
        System.arraycopy(acc, g * COLUMN_BLOCK, out, (r0 + g) * count + from, width);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
