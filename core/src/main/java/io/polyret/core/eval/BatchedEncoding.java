package io.polyret.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Encodes many texts in batches of similar length (sorted by length, longest first, so padding is
 * small and a memory problem shows on the first batch), then restores input order.
 */
public final class BatchedEncoding {
  private BatchedEncoding() {}

  /**
   * Row-major embeddings ({@code texts.size() x encoder.dimension()}) of {@code prefix + text}.
   *
   * @throws IllegalArgumentException if the encoder returns a row of the wrong dimension or a
   *     non-finite value
   */
  public static float[] encode(TextEncoder encoder, List<String> texts, String prefix,
      int maxLength, int batchSize) {
    int n = texts.size();
    int dim = encoder.dimension();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Character length is a cheap, tokenizer-independent proxy for token length.
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -texts.get(i).length())
        .thenComparingInt(i -> i));
    float[] out = new float[n * dim];
    for (int start = 0; start < n; start += batchSize) {
      int end = Math.min(n, start + batchSize);
      List<String> batch = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        batch.add(prefix + texts.get(order[i]));
      }
      float[][] vectors = encoder.encode(batch, maxLength);
      if (vectors.length != batch.size()) {
        throw new IllegalArgumentException("encoder returned " + vectors.length
            + " embeddings for " + batch.size() + " texts");
      }
      for (int i = 0; i < vectors.length; i++) {
        int row = order[start + i];
        if (vectors[i].length != dim) {
          throw new IllegalArgumentException("encoder returned an embedding of dimension "
              + vectors[i].length + ", expected " + dim + " (text " + row + ")");
        }
        for (float v : vectors[i]) {
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(
                "encoder returned a non-finite value " + v + " for text " + row);
          }
        }
        System.arraycopy(vectors[i], 0, out, row * dim, dim);
      }
    }
    return out;
  }
}
