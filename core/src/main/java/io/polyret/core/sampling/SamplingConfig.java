package io.polyret.core.sampling;

import io.polyret.core.data.LanguageCodes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link HybridBatchSampler} draws batches (method.md, section 3). Immutable, validated on
 * construction: a bad value fails with an {@link IllegalArgumentException} that quotes it. Checks
 * that need the data (batch size against the number of examples, language codes against those
 * found) happen when the sampler is built.
 *
 * @param sampling {@code x-x}, {@code x-y} or {@code hybrid}
 * @param alpha probability of a monolingual batch: 1 for x-x, 0 for x-y, default 0.5 for hybrid
 * @param batchSize triplets per batch (default 100, the paper's)
 * @param seed seed of every random choice; the batch sequence is a function of (seed, epoch)
 * @param languages language codes to use; empty means every language of the data
 * @param datasetWeights relative weight per dataset name; empty means proportional to size
 */
public record SamplingConfig(
    Sampling sampling,
    double alpha,
    int batchSize,
    long seed,
    List<String> languages,
    Map<String, Double> datasetWeights) {

  /** Default batch size (the paper's). */
  public static final int DEFAULT_BATCH_SIZE = 100;
  /** Default alpha of hybrid sampling (the paper's best). */
  public static final double DEFAULT_ALPHA = 0.5;
  /** Default seed. */
  public static final long DEFAULT_SEED = 42;

  /** The three samplings of the paper. */
  public enum Sampling {
    /** Every batch monolingual (alpha = 1). */
    X_X("x-x"),
    /** Every batch cross-lingual (alpha = 0). */
    X_Y("x-y"),
    /** Monolingual with probability alpha, else cross-lingual. */
    HYBRID("hybrid");

    private final String label;

    Sampling(String label) {
      this.label = label;
    }

    /** The name used in configs and on the command line. */
    public String label() {
      return label;
    }

    /**
     * Parses {@code x-x}, {@code x-y} or {@code hybrid} (case-insensitive; also {@code x-x-mono},
     * {@code xx-mono}).
     */
    public static Sampling parse(String text) {
      String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "x-x", "x-x-mono", "xx-mono", "xx", "mono" -> X_X;
        case "x-y", "xy", "cross" -> X_Y;
        case "hybrid" -> HYBRID;
        default -> throw new IllegalArgumentException(
            "sampling must be one of x-x, x-y, hybrid: '" + text + "'");
      };
    }
  }

  public SamplingConfig {
    if (sampling == null) {
      throw new IllegalArgumentException("sampling must be set (x-x, x-y or hybrid)");
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1]: " + alpha);
    }
    if (sampling == Sampling.X_X && alpha != 1 || sampling == Sampling.X_Y && alpha != 0) {
      throw new IllegalArgumentException(
          "alpha " + alpha + " contradicts sampling " + sampling.label() + " (which means alpha "
              + (sampling == Sampling.X_X ? 1 : 0) + "); use sampling hybrid to set alpha");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
    }
    languages = List.copyOf(languages == null ? List.of() : languages);
    for (String lang : languages) {
      if (!LanguageCodes.isCode(lang)) {
        throw new IllegalArgumentException("not a language code: '" + lang + "'");
      }
    }
    if (languages.stream().distinct().count() != languages.size()) {
      throw new IllegalArgumentException("language listed twice: " + languages);
    }
    Map<String, Double> weights = new LinkedHashMap<>(datasetWeights == null ? Map.of() : datasetWeights);
    weights.forEach(
        (name, w) -> {
          if (w == null || !(w > 0) || w.isInfinite()) {
            throw new IllegalArgumentException(
                "weight of dataset '" + name + "' must be a positive number: " + w);
          }
        });
    datasetWeights = Collections.unmodifiableMap(weights);
  }

  /** A builder with the defaults (hybrid, alpha 0.5, batch size 100, seed 42, all languages). */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether every batch is monolingual. */
  public boolean monolingualOnly() {
    return alpha == 1;
  }

  /** Whether every batch is cross-lingual. */
  public boolean crossLingualOnly() {
    return alpha == 0;
  }

  /**
   * Builds a {@link SamplingConfig}; the sampling's alpha follows from the sampling unless alpha
   * is set, which only hybrid allows.
   */
  public static final class Builder {
    private Sampling sampling = Sampling.HYBRID;
    private Double alpha;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long seed = DEFAULT_SEED;
    private List<String> languages = List.of();
    private Map<String, Double> weights = new LinkedHashMap<>();

    /** Sets the sampling. */
    public Builder sampling(Sampling sampling) {
      this.sampling = sampling;
      return this;
    }

    /** Sets the sampling by name: {@code x-x}, {@code x-y}, {@code hybrid}. */
    public Builder sampling(String sampling) {
      return sampling(Sampling.parse(sampling));
    }

    /** Sets alpha (hybrid only; with x-x or x-y it is a contradiction, reported by build()). */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Sets the batch size. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Sets the seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Restricts the languages (empty: all). */
    public Builder languages(List<String> languages) {
      this.languages = languages;
      return this;
    }

    /** Gives a dataset a relative weight (default: its number of examples). */
    public Builder datasetWeight(String dataset, double weight) {
      weights.put(dataset, weight);
      return this;
    }

    /** The validated config. */
    public SamplingConfig build() {
      double a;
      if (alpha == null) {
        a = switch (sampling == null ? Sampling.HYBRID : sampling) {
          case X_X -> 1;
          case X_Y -> 0;
          case HYBRID -> DEFAULT_ALPHA;
        };
      } else {
        if (sampling != Sampling.HYBRID && sampling != null) {
          throw new IllegalArgumentException(
              "alpha " + alpha + " given with sampling " + sampling.label()
                  + "; alpha only applies to sampling hybrid");
        }
        a = alpha;
      }
      return new SamplingConfig(sampling, a, batchSize, seed, languages, weights);
    }
  }
}
