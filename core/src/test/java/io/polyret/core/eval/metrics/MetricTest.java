package io.polyret.core.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricTest {
  private static final double EPS = 1e-12;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void averagePrecisionDividesByAllRelevantIncludingUnretrieved() {
    // Relevant at ranks 1 and 3; a third relevant document is never retrieved.
    RelevantRanks r = RelevantRanks.binary(new int[] {1, 3}, 3);
    assertEquals((1.0 / 1 + 2.0 / 3) / 3, Metric.MAP.compute(r), EPS);
    assertEquals((1.0 / 1) / 3, Metric.parse("map@2").compute(r), EPS);
    assertEquals((1.0 + 2.0 / 3) / 3, Metric.parse("map@3").compute(r), EPS);
  }

  @Test
  void singleRelevantApIsReciprocalRank() {
    RelevantRanks r = RelevantRanks.binary(new int[] {4}, 1);
    assertEquals(0.25, Metric.MAP.compute(r), EPS);
    assertEquals(0.25, Metric.parse("mrr").compute(r), EPS);
    assertEquals(0.0, Metric.parse("mrr@3").compute(r), EPS);
    assertEquals(0.25, Metric.parse("mrr@4").compute(r), EPS);
    assertEquals(0.0, Metric.parse("recall@1").compute(r), EPS);
    assertEquals(1.0, Metric.parse("recall@10").compute(r), EPS);
    assertEquals(0.0, Metric.parse("success@3").compute(r), EPS);
    assertEquals(1.0, Metric.parse("success@4").compute(r), EPS);
  }

  @Test
  void recallCountsWithinCutoffOverAllRelevant() {
    RelevantRanks r = RelevantRanks.binary(new int[] {2, 5, 11}, 4);
    assertEquals(0.25, Metric.parse("R@2").compute(r), EPS);
    assertEquals(0.5, Metric.parse("recall@10").compute(r), EPS);
    assertEquals(0.75, Metric.parse("recall@100").compute(r), EPS);
  }

  @Test
  void ndcgUsesGradedGainsAndIdealFromAllJudged() {
    // Retrieved: gain 2 at rank 1, gain 1 at rank 3. Judged relevant gains: 3, 2, 1 (the 3 missed).
    RelevantRanks r = RelevantRanks.of(new int[] {1, 3}, new int[] {2, 1}, new int[] {1, 3, 2});
    double dcg = 2 / log2(2) + 1 / log2(4);
    double idcg10 = 3 / log2(2) + 2 / log2(3) + 1 / log2(4);
    assertEquals(dcg / idcg10, Metric.parse("ndcg@10").compute(r), EPS);
    // Cutoff 2: only rank 1 counts; ideal has two positions.
    double idcg2 = 3 / log2(2) + 2 / log2(3);
    assertEquals(2 / idcg2, Metric.parse("ndcg@2").compute(r), EPS);
  }

  @Test
  void noRelevantGivesZeroEverywhere() {
    RelevantRanks r = RelevantRanks.binary(new int[0], 0);
    for (String m : new String[] {"map", "map@10", "ndcg@10", "recall@5", "mrr", "success@1"}) {
      assertEquals(0.0, Metric.parse(m).compute(r), EPS, m);
    }
  }

  @Test
  void namesRoundTripAndMapToTrecEval() {
    assertEquals("ndcg_cut_10", Metric.parse("nDCG@10").trecEvalName());
    assertEquals("recall_100", Metric.parse("recall@100").trecEvalName());
    assertEquals("map", Metric.parse("map").trecEvalName());
    assertEquals("map_cut_100", Metric.parse("map@100").trecEvalName());
    assertEquals("recip_rank", Metric.parse("mrr@10").trecEvalName());
    assertEquals("success_1", Metric.parse("success@1").trecEvalName());
    for (String s : new String[] {"map", "ndcg@10", "recall@1", "mrr", "mrr@10", "success@5"}) {
      assertEquals(Metric.parse(s), Metric.parse(Metric.parse(s).name()));
    }
  }

  @Test
  void badSpecsAreRejectedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("bleu@4"));
    assertEquals(true, e.getMessage().contains("bleu@4"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("recall"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("recall@0"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("map@x"));
    assertThrows(IllegalArgumentException.class,
        () -> RelevantRanks.binary(new int[] {3, 2}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> RelevantRanks.binary(new int[] {1, 2}, 1));
  }
}
