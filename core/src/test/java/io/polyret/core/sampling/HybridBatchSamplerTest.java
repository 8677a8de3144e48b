package io.polyret.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.data.InMemoryParallelDataset;
import io.polyret.core.data.ParallelDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HybridBatchSamplerTest {

  private static final List<String> LANGS = List.of("ar", "de", "en", "es", "hi", "ru", "zh");

  private static SamplingConfig hybrid(double alpha, int batchSize, long seed) {
    return SamplingConfig.builder().alpha(alpha).batchSize(batchSize).seed(seed).build();
  }

  /** Asserts the invariants of one batch against the texts the test datasets write. */
  private static void assertBatchInvariants(Batch batch, int batchSize) {
    assertTrue(batch.size() >= 1 && batch.size() <= batchSize, "size " + batch.size());
    Set<String> ids = new HashSet<>();
    for (Triplet t : batch.triplets()) {
      assertTrue(ids.add(t.exampleId()), "id twice in a batch: " + t.exampleId());
      assertEquals(TestDatasets.query(t.exampleId(), t.queryLanguage()), t.query());
      assertEquals(TestDatasets.positive(t.exampleId(), t.passageLanguage()), t.positive());
      assertEquals(List.of(TestDatasets.negative(t.exampleId(), t.passageLanguage())), t.negatives());
      if (batch.kind() == BatchKind.CROSS_LINGUAL) {
        assertNotEquals(t.queryLanguage(), t.passageLanguage(), "X-Y triplet in one language");
      } else {
        assertEquals(BatchKind.MONOLINGUAL, batch.kind());
        assertEquals(t.queryLanguage(), t.passageLanguage());
        assertEquals(batch.triplets().get(0).queryLanguage(), t.queryLanguage(), "mono batch mixes languages");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.3, 0.5, 1})
  void everyExampleOncePerEpochWithInvariantsOnParallelData(double alpha) {
    InMemoryParallelDataset data = TestDatasets.parallel("par", 1003, LANGS);
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(alpha, 10, 7));
    assertEquals(101, sampler.batchesPerEpoch());
    for (int epoch = 0; epoch < 3; epoch++) {
      Set<String> seen = new HashSet<>();
      int triplets = 0;
      for (long b = 0; b < sampler.batchesPerEpoch(); b++) {
        assertEquals(new SamplerState(epoch, b), sampler.state());
        Batch batch = sampler.next();
        assertEquals("par", batch.dataset());
        assertBatchInvariants(batch, 10);
        // 1003 examples in 101 balanced batches: 94 of 10 and 7 of 9.
        assertTrue(batch.size() == 10 || batch.size() == 9, "size " + batch.size());
        for (Triplet t : batch.triplets()) {
          assertTrue(seen.add(t.exampleId()), "example twice in epoch " + epoch + ": " + t.exampleId());
          triplets++;
        }
      }
      assertEquals(1003, seen.size());
      assertEquals(1003, triplets);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.5, 1})
  void partiallyParallelDataKeepsMonoLanguageAndEpochExact(double alpha) {
    InMemoryParallelDataset data = TestDatasets.partial("part", 3000, LANGS, 4, 11);
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(alpha, 16, 3));
    DatasetSamplingSummary summary = sampler.summaries().get(0);
    long single = 0;
    for (int i = 0; i < data.size(); i++) {
      if (Long.bitCount(data.languageMask(i)) == 1) {
        single++;
      }
    }
    assertTrue(single > 100, "generator should make single-language examples");
    assertEquals(alpha == 0 ? single : 0, summary.leftOutSingleLanguage());
    assertEquals(alpha == 0 ? 0 : single, summary.singleLanguageMonolingualOnly());
    assertEquals(data.size() - summary.leftOutSingleLanguage(), summary.sampled());
    for (int epoch = 0; epoch < 2; epoch++) {
      Set<String> seen = new HashSet<>();
      for (long b = 0; b < sampler.batchesPerEpoch(); b++) {
        Batch batch = sampler.next();
        assertBatchInvariants(batch, 16);
        for (Triplet t : batch.triplets()) {
          assertTrue(seen.add(t.exampleId()));
          int example = Integer.parseInt(t.exampleId().substring("part-".length()));
          assertTrue(data.exists(example, data.languageIndex(t.queryLanguage())));
          assertTrue(data.exists(example, data.languageIndex(t.passageLanguage())));
        }
      }
      assertEquals(summary.sampled(), seen.size());
      assertEquals(new SamplerState(epoch + 1, 0), sampler.state());
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.3, 0.5, 1})
  void monolingualFractionMatchesAlpha(double alpha) {
    InMemoryParallelDataset data = TestDatasets.parallel("par", 400, LANGS);
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(alpha, 5, 21));
    int batches = 8000;
    int mono = 0;
    for (int i = 0; i < batches; i++) {
      if (sampler.next().kind() == BatchKind.MONOLINGUAL) {
        mono++;
      }
    }
    double fraction = mono / (double) batches;
    // Binomial: 4 standard deviations (0 for alpha in {0, 1}, where the fraction is exact).
    double tolerance = 4 * Math.sqrt(alpha * (1 - alpha) / batches);
    assertEquals(alpha, fraction, tolerance + 1e-12, "monolingual fraction");
  }

  @Test
  void languageChoicesAreUniform() {
    InMemoryParallelDataset data = TestDatasets.parallel("par", 500, LANGS);
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(0.5, 10, 5));
    LanguageHistogram histogram = new LanguageHistogram();
    for (int i = 0; i < 7000; i++) {
      histogram.add(sampler.next());
    }
    long monoBatches = histogram.batchesPerKind().get(BatchKind.MONOLINGUAL);
    assertUniform(histogram.monolingualBatchesPerLanguage(), LANGS.size(), monoBatches);
    long crossTriplets = histogram.queryLanguages(BatchKind.CROSS_LINGUAL).values().stream().mapToLong(v -> v).sum();
    assertUniform(histogram.queryLanguages(BatchKind.CROSS_LINGUAL), LANGS.size(), crossTriplets);
    assertUniform(histogram.passageLanguages(BatchKind.CROSS_LINGUAL), LANGS.size(), crossTriplets);
    assertUniform(histogram.crossLingualPairs(), LANGS.size() * (LANGS.size() - 1), crossTriplets);
    assertTrue(histogram.crossLingualPairs().keySet().stream().noneMatch(p -> p.equals("en->en")));
  }

  /** Each of k categories within 5 binomial standard deviations of total / k. */
  private static void assertUniform(Map<String, Long> counts, int k, long total) {
    assertEquals(k, counts.size(), "categories " + counts);
    double p = 1.0 / k;
    double sigma = Math.sqrt(total * p * (1 - p));
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      assertEquals(total * p, e.getValue(), 5 * sigma, "count of " + e.getKey() + " in " + counts);
    }
  }

  @Test
  void datasetsAreDrawnInProportionToSize() {
    InMemoryParallelDataset big = TestDatasets.parallel("big", 3000, LANGS);
    InMemoryParallelDataset small = TestDatasets.parallel("small", 1000, List.of("en", "de"));
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(big, small), hybrid(0.5, 10, 9));
    assertEquals(400, sampler.batchesPerEpoch());
    Map<String, Integer> firstHalf = new HashMap<>();
    Map<String, Integer> whole = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int b = 0; b < 400; b++) {
      Batch batch = sampler.next();
      assertBatchInvariants(batch, 10);
      batch.triplets().forEach(t -> assertTrue(seen.add(t.exampleId())));
      whole.merge(batch.dataset(), 1, Integer::sum);
      if (b < 200) {
        firstHalf.merge(batch.dataset(), 1, Integer::sum);
      }
      if (batch.dataset().equals("small")) {
        batch.triplets().forEach(t -> assertTrue(Set.of("en", "de").contains(t.queryLanguage())));
      }
    }
    assertEquals(Map.of("big", 300, "small", 100), whole);
    assertEquals(4000, seen.size());
    // Hypergeometric draw of 200 of 400 (300 big): sd ~ 6.1; allow 5 sd.
    assertEquals(150, firstHalf.get("big"), 31, "big batches in first half: " + firstHalf);

    HybridBatchSampler weighted =
        new HybridBatchSampler(
            List.of(big, small),
            SamplingConfig.builder().batchSize(10).datasetWeight("big", 1).datasetWeight("small", 1).build());
    assertEquals(400, weighted.batchesPerEpoch());
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> smallIds = new HashMap<>();
    for (int b = 0; b < 400; b++) {
      Batch batch = weighted.next();
      counts.merge(batch.dataset(), 1, Integer::sum);
      if (batch.dataset().equals("small")) {
        batch.triplets().forEach(t -> smallIds.merge(t.exampleId(), 1, Integer::sum));
      }
    }
    assertEquals(Map.of("big", 200, "small", 200), counts);
    // The small dataset ran through exactly two of its own epochs: each example twice.
    assertEquals(1000, smallIds.size());
    assertTrue(smallIds.values().stream().allMatch(c -> c == 2), "small examples seen twice");
  }

  @Test
  void sameSeedSameBatchesAndResumeMidEpoch() {
    List<ParallelDataset> data =
        List.of(TestDatasets.parallel("a", 500, LANGS), TestDatasets.partial("b", 300, LANGS, 3, 2));
    SamplingConfig config = hybrid(0.5, 20, 1234);
    HybridBatchSampler first = new HybridBatchSampler(data, config);
    HybridBatchSampler second = new HybridBatchSampler(data, config);
    long perEpoch = first.batchesPerEpoch();
    List<Batch> reference = new ArrayList<>();
    for (long i = 0; i < perEpoch * 5 / 2; i++) {
      Batch batch = first.next();
      reference.add(batch);
      assertEquals(batch, second.next());
    }
    for (long stop : new long[] {0, 7, perEpoch - 1, perEpoch, perEpoch + 13}) {
      HybridBatchSampler original = new HybridBatchSampler(data, config);
      for (long i = 0; i < stop; i++) {
        original.next();
      }
      SamplerState state = original.state();
      HybridBatchSampler resumed = new HybridBatchSampler(data, config);
      resumed.restore(state);
      for (long i = stop; i < stop + perEpoch / 2 && i < reference.size(); i++) {
        assertEquals(reference.get((int) i), resumed.next(), "batch " + i + " after resume at " + stop);
      }
    }
    HybridBatchSampler otherSeed = new HybridBatchSampler(data, hybrid(0.5, 20, 1235));
    assertNotEquals(reference.get(0), otherSeed.next());
    // Epochs differ from each other.
    assertNotEquals(reference.subList(0, 5), reference.subList((int) perEpoch, (int) perEpoch + 5));
  }

  @Test
  void sharedIdsNeverMeetInABatch() {
    ParallelDataset data = TestDatasets.sharedKeys("mm", 2000, 40, LANGS);
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(0.5, 25, 4));
    assertEquals(80, sampler.batchesPerEpoch());
    for (int epoch = 0; epoch < 3; epoch++) {
      int triplets = 0;
      for (int b = 0; b < 80; b++) {
        Batch batch = sampler.next();
        Set<String> ids = new HashSet<>();
        batch.triplets().forEach(t -> assertTrue(ids.add(t.exampleId()), "repeated id " + t.exampleId()));
        triplets += batch.size();
      }
      assertEquals(2000, triplets);
    }
    // 50 keys x 40 examples cannot fill batches of 60 without repeating a key.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data), hybrid(0.5, 60, 4)));
    assertTrue(e.getMessage().contains("without repeating id"), e.getMessage());
  }

  @Test
  void languageSubsetIsHonoured() {
    InMemoryParallelDataset data = TestDatasets.parallel("par", 300, LANGS);
    SamplingConfig config =
        SamplingConfig.builder().sampling("x-y").batchSize(10).languages(List.of("en", "de")).build();
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), config);
    LanguageHistogram h = new LanguageHistogram();
    for (int i = 0; i < 60; i++) {
      h.add(sampler.next());
    }
    assertEquals(Set.of("de->en", "en->de"), h.crossLingualPairs().keySet());
    assertEquals(Map.of(BatchKind.CROSS_LINGUAL, 60L), h.batchesPerKind());
    assertEquals(List.of("de", "en"), sampler.summaries().get(0).languages());
  }

  @Test
  void configErrorsNameTheValue() {
    InMemoryParallelDataset data = TestDatasets.parallel("par", 50, LANGS);
    IllegalArgumentException tooBig =
        assertThrows(IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data), hybrid(0.5, 51, 1)));
    assertTrue(tooBig.getMessage().contains("batch size 51"), tooBig.getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data),
                SamplingConfig.builder().batchSize(5).languages(List.of("en", "fr")).build()));
    assertTrue(unknown.getMessage().contains("'fr'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("[ar, de, en, es, hi, ru, zh]"), unknown.getMessage());
    InMemoryParallelDataset other = TestDatasets.parallel("other", 50, List.of("fr", "it"));
    IllegalArgumentException noneLeft =
        assertThrows(IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data, other),
                SamplingConfig.builder().batchSize(5).languages(List.of("en", "de")).build()));
    assertTrue(noneLeft.getMessage().contains("no language left in dataset other"), noneLeft.getMessage());
    IllegalArgumentException oneLanguage =
        assertThrows(IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data),
                SamplingConfig.builder().batchSize(5).languages(List.of("en")).build()));
    assertTrue(oneLanguage.getMessage().contains("need two languages"), oneLanguage.getMessage());
    // Monolingual sampling over one language is fine.
    new HybridBatchSampler(List.of(data),
        SamplingConfig.builder().sampling("x-x").batchSize(5).languages(List.of("en")).build());
    IllegalArgumentException weights =
        assertThrows(IllegalArgumentException.class,
            () -> new HybridBatchSampler(List.of(data),
                SamplingConfig.builder().batchSize(5).datasetWeight("nope", 2).build()));
    assertTrue(weights.getMessage().contains("'nope'"), weights.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new HybridBatchSampler(List.of(data, TestDatasets.parallel("par", 10, LANGS)), hybrid(0.5, 5, 1)));
    HybridBatchSampler sampler = new HybridBatchSampler(List.of(data), hybrid(0.5, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> sampler.restore(new SamplerState(0, 11)));
  }
}
