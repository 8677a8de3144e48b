package io.polyret.core.eval;

import java.util.List;
import java.util.Map;

/** Test encoder returning fixed vectors for known texts (prefix included); unknown text fails. */
public final class LookupEncoder implements TextEncoder {
  private final Map<String, float[]> vectors;
  private final int dimension;

  public LookupEncoder(Map<String, float[]> vectors, int dimension) {
    this.vectors = vectors;
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] encode(List<String> texts, int maxLength) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vectors.get(texts.get(i));
      if (out[i] == null) {
        throw new IllegalArgumentException("no vector for text '" + texts.get(i) + "'");
      }
    }
    return out;
  }

  @Override
  public String fingerprint() {
    return "lookup:" + vectors.size();
  }
}
