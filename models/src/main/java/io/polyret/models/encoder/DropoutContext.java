package io.polyret.models.encoder;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;

/**
 * Whether a graph being built applies dropout, and the seed that makes its masks reproducible.
 *
 * <p>Training graphs take a {@code [2]} int64 seed fed each step (derived in Java from the run seed
 * and the step), and every dropout site draws its mask with a stateless random op from that seed
 * plus the site's own index, so the same seed and step give the same masks. Inference graphs have
 * no dropout ops at all.
 */
public final class DropoutContext {
  private final Operand<TInt64> seed;
  private int nextSite;

  private DropoutContext(Operand<TInt64> seed) {
    this.seed = seed;
  }

  /** No dropout: for evaluation, encoding and export. */
  public static DropoutContext inference() {
    return new DropoutContext(null);
  }

  /** Dropout on, with masks drawn from {@code seed} (shape {@code [2]}, int64). */
  public static DropoutContext training(Operand<TInt64> seed) {
    if (seed == null) {
      throw new IllegalArgumentException("a training dropout context needs a seed operand");
    }
    return new DropoutContext(seed);
  }

  /** True when dropout ops are built. */
  public boolean training() {
    return seed != null;
  }

  /** The step seed; only for training contexts. */
  public Operand<TInt64> seed() {
    if (seed == null) {
      throw new IllegalStateException("inference context has no dropout seed");
    }
    return seed;
  }

  /** A fresh index for the next dropout site, so that no two sites share a mask. */
  public int nextSite() {
    return nextSite++;
  }
}
