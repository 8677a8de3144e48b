package io.polyret.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageHistogramTest {

  private static Triplet t(String id, String lq, String lp) {
    return new Triplet(id, lq, lp, "q", "p", List.of());
  }

  @Test
  void countsPerKind() {
    List<Batch> batches =
        List.of(
            new Batch(BatchKind.MONOLINGUAL, "d", List.of(t("1", "en", "en"), t("2", "en", "en"))),
            new Batch(BatchKind.MONOLINGUAL, "d", List.of(t("3", "de", "de"))),
            new Batch(BatchKind.CROSS_LINGUAL, "d", List.of(t("1", "en", "de"), t("2", "de", "en"), t("3", "en", "zh"))));
    LanguageHistogram h = LanguageHistogram.of(batches);
    assertEquals(3, h.batches());
    assertEquals(Map.of(BatchKind.MONOLINGUAL, 2L, BatchKind.CROSS_LINGUAL, 1L), h.batchesPerKind());
    assertEquals(Map.of("en", 1L, "de", 1L), h.monolingualBatchesPerLanguage());
    assertEquals(Map.of("en", 2L, "de", 1L), h.queryLanguages(BatchKind.MONOLINGUAL));
    assertEquals(Map.of("en", 2L, "de", 1L), h.queryLanguages(BatchKind.CROSS_LINGUAL));
    assertEquals(Map.of("de", 1L, "en", 1L, "zh", 1L), h.passageLanguages(BatchKind.CROSS_LINGUAL));
    assertEquals(Map.of("en->de", 1L, "de->en", 1L, "en->zh", 1L), h.crossLingualPairs());
  }
}
