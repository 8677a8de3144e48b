package io.polyret.core.eval.search;

/**
 * Computes dot-product scores of query embeddings against a fixed set of candidate embeddings
 * (cosine similarity when both are L2-normalised). Not thread-safe: one caller at a time.
 */
public interface ScoreKernel extends AutoCloseable {

  /** Embedding dimension. */
  int dimension();

  /** Number of candidates (columns of the score matrix). */
  int candidateCount();

  /**
   * Scores {@code rows} queries, rows {@code firstRow .. firstRow + rows - 1} of the row-major
   * matrix {@code queries} ({@code dimension()} floats per row), against every candidate; writes
   * {@code out[r * candidateCount() + c]} for r from 0.
   */
  void score(float[] queries, int firstRow, int rows, float[] out);

  @Override
  void close();
}
