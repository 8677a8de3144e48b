package io.polyret.core.eval.lareqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LAReQA protocol on the real XQuAD-R files (skipped without ../shared). */
class XquadOracleTest {
  private static final Map<String, Integer> CANDIDATES = Map.ofEntries(Map.entry("ar", 1222),
      Map.entry("de", 1276), Map.entry("el", 1234), Map.entry("en", 1180), Map.entry("es", 1215),
      Map.entry("hi", 1244), Map.entry("ru", 1219), Map.entry("th", 852), Map.entry("tr", 1167),
      Map.entry("vi", 1209), Map.entry("zh", 1196));
  private static LareqaBenchmark benchmark;

  static Path xquad() {
    return Path.of(System.getProperty("polyret.shared.dir", "../shared"), "data", "xquad-r");
  }

  @BeforeAll
  static void load() {
    assumeTrue(Files.isDirectory(xquad()), "shared XQuAD-R absent at " + xquad());
    benchmark = LareqaBenchmark.from(LareqaReader.read(xquad()), CandidateText.SENTENCE);
  }

  /**
   * Oracle (exact-match) embeddings: dimension = number of question ids; a question is the
   * one-hot of its id, a candidate the sum of the one-hots of the ids whose gold sentence it is.
   * Every gold of a question then scores exactly 1 and every other candidate 0. (Not normalised:
   * a sentence that is the gold of two questions would otherwise score 1/sqrt(2) and fall behind
   * its parallel golds.)
   */
  static float[][] oracle(LareqaBenchmark b) {
    Map<String, Integer> ids = new HashMap<>();
    for (LareqaBenchmark.Language l : b.languages()) {
      for (LareqaBenchmark.Question q : l.questions()) {
        ids.putIfAbsent(q.id(), ids.size());
      }
    }
    int dim = ids.size();
    float[] queries = new float[b.questionCount() * dim];
    float[] candidates = new float[b.candidateCount() * dim];
    int qi = 0;
    int base = 0;
    for (LareqaBenchmark.Language l : b.languages()) {
      for (LareqaBenchmark.Question q : l.questions()) {
        queries[qi++ * dim + ids.get(q.id())] = 1f;
        candidates[(base + q.goldCandidate()) * dim + ids.get(q.id())] = 1f;
      }
      base += l.candidates().size();
    }
    return new float[][] {queries, candidates, {dim}};
  }

  @Test
  void loaderCountsMatchThePublishedOnes() {
    assertEquals(11, benchmark.languages().size());
    for (LareqaBenchmark.Language l : benchmark.languages()) {
      assertEquals(1190, l.questions().size(), l.code());
      assertEquals(CANDIDATES.get(l.code()), l.candidates().size(), l.code());
    }
    assertEquals(13_090, benchmark.questionCount());
    assertEquals(13_014, benchmark.candidateCount());
  }

  @Test
  void oracleEncoderScoresPerfectlyInEverySettingWithZeroRankDistance() {
    float[][] o = oracle(benchmark);
    int dim = (int) o[2][0];
    Metric r1 = Metric.parse("recall@1");
    Metric r10 = Metric.parse("recall@10");
    LareqaResult r = new LareqaEvaluator(benchmark, new LareqaOptions(List.of(Metric.MAP, r1),
        List.of(Metric.MAP, r10), ScoreKernels.Kind.TENSORFLOW, 2, 1024, null, 0))
        .evaluate(o[0], o[1], dim);
    assertEquals(110, r.crossLingualPairCount());
    int multilingualRows = 0;
    for (String x : r.languages()) {
      assertEquals(1.0, r.monolingual(x, Metric.MAP), 1e-12, x);
      assertEquals(1.0, r.monolingual(x, r1), 1e-12, x);
      assertEquals(1.0, r.multilingual(x, Metric.MAP), 1e-12, x);
      // 11 relevant candidates: at most 10 fit in the top 10.
      assertEquals(10.0 / 11, r.multilingual(x, r10), 1e-12, x);
      // The 11 parallel golds share one vector, hence one score and one competition rank.
      assertEquals(0.0, r.rankDistance(x), 1e-12, x);
      assertEquals(1190, r.multilingualQueries(x));
      multilingualRows++;
      for (String y : r.languages()) {
        assertEquals(1190, r.pairQueries(x, y));
        assertEquals(1.0, r.pair(x, y, Metric.MAP), 1e-12, x + ">" + y);
      }
    }
    assertEquals(11, multilingualRows);
    assertEquals(1.0, r.crossLingualMacro(Metric.MAP), 1e-12);
    assertEquals(0.0, r.rankDistanceMacro(), 1e-12);
  }

  @Test
  void missingLanguageFilesAreListed(@TempDir Path dir) throws IOException {
    Files.copy(xquad().resolve("de.json"), dir.resolve("de.json"));
    Files.copy(xquad().resolve("en.json"), dir.resolve("en.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LareqaReader.read(dir, List.of("de", "en", "zh")));
    assertTrue(e.getMessage().contains("zh") && e.getMessage().contains("[de, en]"),
        e.getMessage());
    List<String> codes = new ArrayList<>(LareqaBenchmark.from(LareqaReader.read(dir),
        CandidateText.SENTENCE).languageCodes());
    assertEquals(List.of("de", "en"), codes);
  }
}
