package io.polyret.core.data;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a loader read: items kept per language and items skipped per reason (for example empty
 * texts), so that a user sees what was left out instead of a silent drop.
 *
 * @param source the file or folder read
 * @param keptPerLanguage items kept per language code
 * @param skippedPerReason items skipped per reason, e.g. {@code "empty query (de)"}
 */
public record LoadSummary(
    String source, Map<String, Long> keptPerLanguage, Map<String, Long> skippedPerReason) {

  public LoadSummary {
    keptPerLanguage = Collections.unmodifiableMap(new TreeMap<>(keptPerLanguage));
    skippedPerReason = Collections.unmodifiableMap(new TreeMap<>(skippedPerReason));
  }

  /** Total number of skipped items. */
  public long skipped() {
    return skippedPerReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Total number of kept items. */
  public long kept() {
    return keptPerLanguage.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return source + ": kept " + keptPerLanguage + (skippedPerReason.isEmpty() ? "" : ", skipped " + skippedPerReason);
  }

  /** Mutable counterpart filled while loading. */
  public static final class Builder {
    private final String source;
    private final Map<String, Long> kept = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();

    /** @param source the file or folder read */
    public Builder(String source) {
      this.source = source;
    }

    /** Counts one kept item in a language. */
    public Builder kept(String language) {
      return kept(language, 1);
    }

    /** Counts kept items in a language. */
    public Builder kept(String language, long count) {
      kept.merge(language, count, Long::sum);
      return this;
    }

    /** Counts one skipped item for a reason. */
    public Builder skipped(String reason) {
      return skipped(reason, 1);
    }

    /** Counts skipped items for a reason. */
    public Builder skipped(String reason, long count) {
      skipped.merge(reason, count, Long::sum);
      return this;
    }

    /** The summary so far. */
    public LoadSummary build() {
      return new LoadSummary(source, kept, skipped);
    }
  }
}
