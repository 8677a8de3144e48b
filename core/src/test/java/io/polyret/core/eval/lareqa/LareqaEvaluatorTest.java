package io.polyret.core.eval.lareqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LareqaEvaluatorTest {
  private static final Metric MAP = Metric.MAP;
  private static final Metric R1 = Metric.parse("recall@1");
  private static final Metric R10 = Metric.parse("recall@10");

  /** Brute force: sort the whole pool, read the metrics off the sorted list. */
  private static final class Reference {
    final Map<String, double[]> pairSums = new HashMap<>();
    final Map<String, Integer> pairCounts = new HashMap<>();
    final Map<String, double[]> multiSums = new HashMap<>();
    final Map<String, Integer> multiCounts = new HashMap<>();
    final Map<String, Double> rdSums = new HashMap<>();

    Reference(SyntheticLareqa s) {
      LareqaBenchmark b = s.benchmark;
      int d = s.dimension;
      List<String> docids = new ArrayList<>();
      List<String> candLang = new ArrayList<>();
      for (LareqaBenchmark.Language l : b.languages()) {
        for (LareqaBenchmark.Candidate c : l.candidates()) {
          docids.add(c.docid());
          candLang.add(l.code());
        }
      }
      Map<String, Set<String>> goldDocidsById = new HashMap<>();
      for (LareqaBenchmark.Language l : b.languages()) {
        for (LareqaBenchmark.Question q : l.questions()) {
          goldDocidsById.computeIfAbsent(q.id(), k -> new HashSet<>())
              .add(l.candidates().get(q.goldCandidate()).docid());
        }
      }
      int qi = 0;
      for (LareqaBenchmark.Language l : b.languages()) {
        for (LareqaBenchmark.Question q : l.questions()) {
          double[] scores = new double[docids.size()];
          for (int c = 0; c < docids.size(); c++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
              dot += (double) s.queries[qi * d + j] * s.candidates[c * d + j];
            }
            scores[c] = dot;
          }
          Set<String> golds = goldDocidsById.get(q.id());
          for (String poolLang : b.languageCodes()) {
            List<Integer> pool = new ArrayList<>();
            for (int c = 0; c < docids.size(); c++) {
              if (candLang.get(c).equals(poolLang)) {
                pool.add(c);
              }
            }
            double[] m = metrics(pool, scores, docids, golds, 1);
            if (m == null) {
              continue;
            }
            String key = l.code() + ">" + poolLang;
            add(pairSums, key, m);
            pairCounts.merge(key, 1, Integer::sum);
          }
          List<Integer> all = new ArrayList<>();
          for (int c = 0; c < docids.size(); c++) {
            all.add(c);
          }
          double[] m = metrics(all, scores, docids, golds, 10);
          add(multiSums, l.code(), new double[] {m[0], m[1]});
          multiCounts.merge(l.code(), 1, Integer::sum);
          rdSums.merge(l.code(), m[2], Double::sum);
          qi++;
        }
      }
    }

    private static void add(Map<String, double[]> sums, String key, double[] v) {
      double[] s = sums.computeIfAbsent(key, k -> new double[2]);
      s[0] += v[0];
      s[1] += v[1];
    }

    /** {AP, recall@k, max rank - min rank} or null without relevant candidates in the pool. */
    private static double[] metrics(List<Integer> pool, double[] scores, List<String> docids,
        Set<String> golds, int k) {
      pool.sort(Comparator.comparingDouble((Integer c) -> -scores[c])
          .thenComparing((Integer c) -> docids.get(c), Comparator.reverseOrder()));
      int relevant = 0;
      for (int c : pool) {
        if (golds.contains(docids.get(c))) {
          relevant++;
        }
      }
      if (relevant == 0) {
        return null;
      }
      double ap = 0;
      int found = 0;
      int inTopK = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      double worstScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i < pool.size(); i++) {
        if (golds.contains(docids.get(pool.get(i)))) {
          found++;
          ap += (double) found / (i + 1);
          if (i < k) {
            inTopK++;
          }
          bestScore = Math.max(bestScore, scores[pool.get(i)]);
          worstScore = Math.min(worstScore, scores[pool.get(i)]);
        }
      }
      // Rank distance with competition ranks: 1 + candidates scoring strictly higher.
      int aboveBest = 0;
      int aboveWorst = 0;
      for (int c : pool) {
        aboveBest += scores[c] > bestScore ? 1 : 0;
        aboveWorst += scores[c] > worstScore ? 1 : 0;
      }
      return new double[] {ap / relevant, (double) inTopK / relevant, aboveWorst - aboveBest};
    }
  }

  private static LareqaOptions options(ScoreKernels.Kind kernel, int threads, int chunk) {
    return new LareqaOptions(List.of(MAP, R1), List.of(MAP, R10), kernel, threads, chunk, null, 0);
  }

  @Test
  void countingRanksEqualsSortingTheWholePoolForEveryKernelAndThreadCount() {
    SyntheticLareqa s = new SyntheticLareqa(11, 4, 60, 45, 6, true, 1);
    Reference ref = new Reference(s);
    for (ScoreKernels.Kind kernel : ScoreKernels.Kind.values()) {
      for (int threads : new int[] {1, 2}) {
        LareqaResult r = new LareqaEvaluator(s.benchmark, options(kernel, threads, 37))
            .evaluate(s.queries, s.candidates, s.dimension);
        for (String x : s.benchmark.languageCodes()) {
          for (String y : s.benchmark.languageCodes()) {
            String key = x + ">" + y;
            int n = ref.pairCounts.getOrDefault(key, 0);
            assertEquals(n, r.pairQueries(x, y), key);
            assertTrue(n > 0, "every pair has queries in this set-up: " + key);
            assertEquals(ref.pairSums.get(key)[0] / n, r.pair(x, y, MAP), 1e-12, key);
            assertEquals(ref.pairSums.get(key)[1] / n, r.pair(x, y, R1), 1e-12, key);
          }
          int n = ref.multiCounts.get(x);
          assertEquals(ref.multiSums.get(x)[0] / n, r.multilingual(x, MAP), 1e-12, x);
          assertEquals(ref.multiSums.get(x)[1] / n, r.multilingual(x, R10), 1e-12, x);
          assertEquals(ref.rdSums.get(x) / r.rankDistanceQueries(x), r.rankDistance(x), 1e-9, x);
        }
      }
    }
  }

  @Test
  void queriesWithoutRelevantInThePoolAreSkippedAndCounted() {
    SyntheticLareqa s = new SyntheticLareqa(5, 4, 40, 30, 8, true, 2);
    LareqaResult r = new LareqaEvaluator(s.benchmark, options(ScoreKernels.Kind.JAVA, 1, 64))
        .evaluate(s.queries, s.candidates, s.dimension);
    // Language la holds all 40 ids; lb lacks ids with (i + 1) % 4 == 3, i.e. 10 of them.
    assertEquals(30, r.pairQueries("la", "lb"));
    assertEquals(10, r.pairSkipped("la", "lb"));
    assertEquals(40, r.pairQueries("la", "la"));
    assertEquals(0, r.pairSkipped("la", "la"));
    assertEquals(12, r.crossLingualPairCount());
    assertEquals(40, r.multilingualQueries("la"));
  }

  @Test
  void macroAveragesAreMeansOfTheCells() {
    SyntheticLareqa s = new SyntheticLareqa(9, 3, 30, 25, 8, false, 2);
    LareqaResult r = new LareqaEvaluator(s.benchmark, options(ScoreKernels.Kind.JAVA, 2, 16))
        .evaluate(s.queries, s.candidates, s.dimension);
    List<String> langs = r.languages();
    double cross = 0;
    double mono = 0;
    for (String x : langs) {
      mono += r.monolingual(x, MAP);
      double byX = 0;
      for (String y : langs) {
        if (!x.equals(y)) {
          cross += r.pair(x, y, MAP);
          byX += r.pair(x, y, MAP);
        }
      }
      assertEquals(byX / 2, r.crossLingualByQueryLanguage(x, MAP), 1e-12);
    }
    assertEquals(cross / 6, r.crossLingualMacro(MAP), 1e-12);
    assertEquals(mono / 3, r.monolingualMacro(MAP), 1e-12);
    assertEquals(6, r.crossLingualPairCount());
  }

  @Test
  void runFilesScoreToTheSameValuesUnderTrecEvalRules(@TempDir Path dir) throws IOException {
    SyntheticLareqa s = new SyntheticLareqa(13, 3, 25, 20, 5, true, 1);
    LareqaResult r = new LareqaEvaluator(s.benchmark,
        options(ScoreKernels.Kind.TENSORFLOW, 2, 10).withRuns(dir, 0))
        .evaluate(s.queries, s.candidates, s.dimension);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2 * (9 + 3), names.size(), names.toString());
      assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp")));
    }
    for (String x : r.languages()) {
      for (String y : r.languages()) {
        String base = x.equals(y) ? "monolingual." + x : "crosslingual." + x + "-" + y;
        Map<String, Double> te = MiniTrecEval.evaluate(dir.resolve(base + ".run"),
            dir.resolve(base + ".qrels"), new int[] {1});
        assertEquals(r.pairQueries(x, y), te.get("num_q").intValue(), base);
        assertEquals(r.pair(x, y, MAP), te.get("map"), 1e-12, base);
        assertEquals(r.pair(x, y, R1), te.get("recall_1"), 1e-12, base);
      }
      Map<String, Double> te = MiniTrecEval.evaluate(dir.resolve("multilingual." + x + ".run"),
          dir.resolve("multilingual." + x + ".qrels"), new int[] {10});
      assertEquals(r.multilingual(x, MAP), te.get("map"), 1e-12, x);
      assertEquals(r.multilingual(x, R10), te.get("recall_10"), 1e-12, x);
    }
  }

  @Test
  void runFilesCutAtADepthScoreLikeMapAtThatDepth(@TempDir Path dir) throws IOException {
    SyntheticLareqa s = new SyntheticLareqa(17, 3, 25, 30, 5, true, 1);
    Metric map5 = Metric.parse("map@5");
    LareqaResult r = new LareqaEvaluator(s.benchmark, new LareqaOptions(List.of(map5, R1),
        List.of(map5, R10), ScoreKernels.Kind.JAVA, 2, 7, dir, 5))
        .evaluate(s.queries, s.candidates, s.dimension);
    for (String x : r.languages()) {
      for (String y : r.languages()) {
        String base = x.equals(y) ? "monolingual." + x : "crosslingual." + x + "-" + y;
        assertEquals(5 * r.pairQueries(x, y), Files.readAllLines(dir.resolve(base + ".run")).size());
        Map<String, Double> te = MiniTrecEval.evaluate(dir.resolve(base + ".run"),
            dir.resolve(base + ".qrels"), new int[] {1});
        assertEquals(r.pair(x, y, map5), te.get("map"), 1e-12, base);
      }
      Map<String, Double> te = MiniTrecEval.evaluate(dir.resolve("multilingual." + x + ".run"),
          dir.resolve("multilingual." + x + ".qrels"), new int[] {10});
      assertEquals(r.multilingual(x, map5), te.get("map"), 1e-12, x);
    }
  }

  @Test
  void wrongDimensionAndNonFiniteEmbeddingsAreRejected() {
    SyntheticLareqa s = new SyntheticLareqa(1, 2, 5, 6, 4, false, 1);
    LareqaEvaluator e = new LareqaEvaluator(s.benchmark, options(ScoreKernels.Kind.JAVA, 1, 4));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> e.evaluate(s.queries, s.candidates, 5));
    assertTrue(ex.getMessage().contains("expected"), ex.getMessage());
    float[] bad = s.candidates.clone();
    bad[7] = Float.NaN;
    ex = assertThrows(IllegalArgumentException.class, () -> e.evaluate(s.queries, bad, 4));
    assertTrue(ex.getMessage().contains("candidate embedding row 1"), ex.getMessage());
  }

  @Test
  void emptyPoolsAndBadGoldsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LareqaBenchmark.Language("en",
        List.of(new LareqaBenchmark.Question("q", "t", 0)), List.of()));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> new LareqaBenchmark.Language("en", List.of(new LareqaBenchmark.Question("q", "t", 3)),
            List.of(new LareqaBenchmark.Candidate("c", "x"))));
    assertTrue(ex.getMessage().contains("'q'"), ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LareqaBenchmark("b", List.of()));
  }
}
