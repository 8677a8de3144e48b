package io.polyret.core.sampling;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the languages of a stream of batches per {@link BatchKind}: batches per kind, triplets
 * per query language and per passage language, monolingual batches per language, cross-lingual
 * triplets per language pair. A trainer feeds every batch it draws and reports the counts at the
 * end, so that a run shows which languages it actually saw.
 */
public final class LanguageHistogram {

  private final Map<BatchKind, Long> batches = new EnumMap<>(BatchKind.class);
  private final Map<BatchKind, Map<String, Long>> queryLanguages = new EnumMap<>(BatchKind.class);
  private final Map<BatchKind, Map<String, Long>> passageLanguages = new EnumMap<>(BatchKind.class);
  private final Map<String, Long> monolingualBatches = new TreeMap<>();
  private final Map<String, Long> crossLingualPairs = new TreeMap<>();

  /** A histogram of the given batches. */
  public static LanguageHistogram of(Iterable<Batch> batches) {
    LanguageHistogram h = new LanguageHistogram();
    batches.forEach(h::add);
    return h;
  }

  /** Counts one batch. */
  public void add(Batch batch) {
    batches.merge(batch.kind(), 1L, Long::sum);
    Map<String, Long> queries = queryLanguages.computeIfAbsent(batch.kind(), k -> new TreeMap<>());
    Map<String, Long> passages = passageLanguages.computeIfAbsent(batch.kind(), k -> new TreeMap<>());
    for (Triplet t : batch.triplets()) {
      queries.merge(t.queryLanguage(), 1L, Long::sum);
      passages.merge(t.passageLanguage(), 1L, Long::sum);
      if (batch.kind() == BatchKind.CROSS_LINGUAL) {
        crossLingualPairs.merge(t.queryLanguage() + "->" + t.passageLanguage(), 1L, Long::sum);
      }
    }
    if (batch.kind() == BatchKind.MONOLINGUAL && !batch.triplets().isEmpty()) {
      monolingualBatches.merge(batch.triplets().get(0).queryLanguage(), 1L, Long::sum);
    }
  }

  /** Batches per kind. */
  public Map<BatchKind, Long> batchesPerKind() {
    return Collections.unmodifiableMap(batches);
  }

  /** Total batches counted. */
  public long batches() {
    return batches.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Per kind, triplets per query language. */
  public Map<String, Long> queryLanguages(BatchKind kind) {
    return Collections.unmodifiableMap(queryLanguages.getOrDefault(kind, Map.of()));
  }

  /** Per kind, triplets per passage language. */
  public Map<String, Long> passageLanguages(BatchKind kind) {
    return Collections.unmodifiableMap(passageLanguages.getOrDefault(kind, Map.of()));
  }

  /** Monolingual batches per language. */
  public Map<String, Long> monolingualBatchesPerLanguage() {
    return Collections.unmodifiableMap(monolingualBatches);
  }

  /** Cross-lingual triplets per pair {@code "query->passage"}. */
  public Map<String, Long> crossLingualPairs() {
    return Collections.unmodifiableMap(crossLingualPairs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("batches per kind ").append(batches);
    if (!monolingualBatches.isEmpty()) {
      sb.append("; monolingual batches per language ").append(monolingualBatches);
    }
    if (!crossLingualPairs.isEmpty()) {
      sb.append("; cross-lingual triplets per query language ")
          .append(queryLanguages(BatchKind.CROSS_LINGUAL))
          .append(", per passage language ")
          .append(passageLanguages(BatchKind.CROSS_LINGUAL));
    }
    return sb.toString();
  }
}
