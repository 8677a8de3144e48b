package io.polyret.core.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Test encoder: a unit Gaussian vector seeded by the text's bytes (same text, same vector). */
public final class RandomTextEncoder implements TextEncoder {
  private final int dimension;
  private final long seed;

  public RandomTextEncoder(int dimension, long seed) {
    this.dimension = dimension;
    this.seed = seed;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] encode(List<String> texts, int maxLength) {
    float[][] out = new float[texts.size()][dimension];
    for (int i = 0; i < out.length; i++) {
      long h = seed;
      for (byte b : texts.get(i).getBytes(StandardCharsets.UTF_8)) {
        h = h * 1_000_003L + b;
      }
      Random r = new Random(h);
      double norm = 0;
      for (int j = 0; j < dimension; j++) {
        out[i][j] = (float) r.nextGaussian();
        norm += out[i][j] * out[i][j];
      }
      for (int j = 0; j < dimension; j++) {
        out[i][j] /= (float) Math.sqrt(norm);
      }
    }
    return out;
  }

  @Override
  public String fingerprint() {
    return "random:" + dimension + ":" + seed;
  }
}
