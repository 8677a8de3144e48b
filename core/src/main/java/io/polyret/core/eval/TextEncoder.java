package io.polyret.core.eval;

import java.util.List;

/**
 * Turns texts into embeddings; the evaluation engine knows models only through this interface.
 * Implementations are given texts that already carry their prefix ({@code "Query: "} ...).
 */
public interface TextEncoder {

  /** Embedding dimension. */
  int dimension();

  /**
   * One embedding of {@link #dimension()} floats per text (normally L2-normalised), in input
   * order; texts longer than {@code maxLength} tokens are truncated.
   */
  float[][] encode(List<String> texts, int maxLength);

  /** Identifies the model and its settings, for provenance and embedding caches. */
  String fingerprint();
}
