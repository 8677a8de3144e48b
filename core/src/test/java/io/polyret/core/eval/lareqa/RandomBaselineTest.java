package io.polyret.core.eval.lareqa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random embeddings rank every gold uniformly at random, so each metric's mean must land near its
 * exact expectation for a random ranking of R relevant among N candidates.
 */
class RandomBaselineTest {
  private static final int LANGUAGES = 3;
  private static final int IDS = 300;
  private static final int PER_LANGUAGE = 400;
  private static final int DIM = 32;

  /**
   * E[AP] of a uniformly random ranking: AP = (1/R) sum_k rel_k (1/k) sum_{j<=k} rel_j, with
   * P(rel_k) = R/N and P(rel_j rel_k) = R(R-1)/(N(N-1)) for j != k, gives
   * E[AP] = (1/N) sum_{k=1..N} (1 + (k-1)(R-1)/(N-1)) / k.
   */
  static double expectedAp(int relevant, int n) {
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += (1.0 + (k - 1) * (relevant - 1.0) / (n - 1.0)) / k;
    }
    return sum / n;
  }

  @Test
  void expectedApFormulaMatchesExactEnumerationOnSmallCases() {
    // All C(n, r) placements of the relevant documents, each equally likely.
    for (int n = 2; n <= 8; n++) {
      for (int r = 1; r <= n; r++) {
        double total = 0;
        int count = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
          if (Integer.bitCount(mask) != r) {
            continue;
          }
          double ap = 0;
          int found = 0;
          for (int i = 0; i < n; i++) {
            if ((mask >> i & 1) == 1) {
              found++;
              ap += (double) found / (i + 1);
            }
          }
          total += ap / r;
          count++;
        }
        assertEquals(total / count, expectedAp(r, n), 1e-12, "n=" + n + " r=" + r);
      }
    }
  }

  @Test
  void randomEncoderScoresNearTheAnalyticExpectation() {
    Random random = new Random(2024);
    List<LareqaBenchmark.Language> langs = new ArrayList<>();
    for (int l = 0; l < LANGUAGES; l++) {
      List<LareqaBenchmark.Candidate> cands = new ArrayList<>();
      for (int i = 0; i < PER_LANGUAGE; i++) {
        cands.add(new LareqaBenchmark.Candidate("l" + l + "-" + i, ""));
      }
      List<LareqaBenchmark.Question> qs = new ArrayList<>();
      for (int i = 0; i < IDS; i++) {
        qs.add(new LareqaBenchmark.Question("q" + i, "", random.nextInt(PER_LANGUAGE)));
      }
      langs.add(new LareqaBenchmark.Language("l" + l, qs, cands));
    }
    LareqaBenchmark b = new LareqaBenchmark("random", langs);
    float[] queries = gaussian(random, b.questionCount() * DIM);
    float[] candidates = gaussian(random, b.candidateCount() * DIM);
    Metric r1 = Metric.parse("recall@1");
    Metric r10 = Metric.parse("recall@10");
    LareqaResult result = new LareqaEvaluator(b, new LareqaOptions(List.of(Metric.MAP, r1),
        List.of(Metric.MAP, r10), ScoreKernels.Kind.JAVA, 2, 128, null, 0))
        .evaluate(queries, candidates, DIM);

    int n = PER_LANGUAGE;
    double meanAp = expectedAp(1, n);
    double meanSquare = 0;
    for (int k = 1; k <= n; k++) {
      meanSquare += 1.0 / ((double) k * k) / n;
    }
    double sigmaAp = Math.sqrt((meanSquare - meanAp * meanAp) / IDS);
    double sigmaR1 = Math.sqrt((1.0 / n) * (1 - 1.0 / n) / IDS);
    for (String x : result.languages()) {
      for (String y : result.languages()) {
        assertEquals(meanAp, result.pair(x, y, Metric.MAP), 5 * sigmaAp, x + ">" + y);
        assertEquals(1.0 / n, result.pair(x, y, r1), 5 * sigmaR1, x + ">" + y);
      }
    }
    int all = LANGUAGES * PER_LANGUAGE;
    int rel = LANGUAGES;
    double multiAp = expectedAp(rel, all);
    // A value in [0, 1] has variance at most its mean: a safe bound on the spread.
    for (String x : result.languages()) {
      assertEquals(multiAp, result.multilingual(x, Metric.MAP), 5 * Math.sqrt(multiAp / IDS), x);
      assertEquals(10.0 / all, result.multilingual(x, r10), 5 * Math.sqrt(10.0 / all / IDS), x);
      // Range of R distinct uniform positions in 1..N: E = (R - 1)(N + 1) / (R + 1).
      double rd = (rel - 1.0) * (all + 1.0) / (rel + 1.0);
      assertEquals(rd, result.rankDistance(x), 5 * (all - 1) / 2.0 / Math.sqrt(IDS), x);
    }
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
