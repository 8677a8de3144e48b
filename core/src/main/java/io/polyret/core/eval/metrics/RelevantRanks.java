package io.polyret.core.eval.metrics;

import java.util.Arrays;

/**
 * What every ranking metric of one query needs: the 1-based ranks at which relevant documents were
 * retrieved, their gains, and the gains of ALL judged relevant documents of the query (retrieved or
 * not), which give the number of relevant documents and the ideal DCG.
 *
 * <p>Relevance follows trec_eval's defaults: a document is relevant when its judged gain is at least
 * 1; the gain used by nDCG is the judged value itself.
 */
public final class RelevantRanks {
  private final int[] ranks;
  private final int[] gains;
  private final int[] idealGains;

  private RelevantRanks(int[] ranks, int[] gains, int[] idealGains) {
    this.ranks = ranks;
    this.gains = gains;
    this.idealGains = idealGains;
  }

  /**
   * @param ranks 1-based ranks of the retrieved relevant documents, strictly increasing
   * @param gains gain (judged relevance, at least 1) of the document at each of {@code ranks}
   * @param judgedGains gains of every judged relevant document of the query, in any order; must
   *     hold at least the retrieved ones
   */
  public static RelevantRanks of(int[] ranks, int[] gains, int[] judgedGains) {
    if (ranks.length != gains.length) {
      throw new IllegalArgumentException(
          "ranks and gains differ in length: " + ranks.length + " vs " + gains.length);
    }
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] < 1 || (i > 0 && ranks[i] <= ranks[i - 1])) {
        throw new IllegalArgumentException(
            "ranks must be positive and strictly increasing: " + Arrays.toString(ranks));
      }
      if (gains[i] < 1) {
        throw new IllegalArgumentException("gain of a relevant document below 1: " + gains[i]);
      }
    }
    if (judgedGains.length < ranks.length) {
      throw new IllegalArgumentException(
          ranks.length + " relevant retrieved but only " + judgedGains.length + " judged relevant");
    }
    int[] ideal = judgedGains.clone();
    Arrays.sort(ideal);
    for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
      int t = ideal[i];
      ideal[i] = ideal[j];
      ideal[j] = t;
    }
    if (ideal.length > 0 && ideal[ideal.length - 1] < 1) {
      throw new IllegalArgumentException("judged relevant gain below 1: " + ideal[ideal.length - 1]);
    }
    return new RelevantRanks(ranks.clone(), gains.clone(), ideal);
  }

  /** Binary relevance: every relevant document has gain 1, and there are {@code numRelevant}. */
  public static RelevantRanks binary(int[] ranks, int numRelevant) {
    int[] ones = new int[ranks.length];
    Arrays.fill(ones, 1);
    int[] judged = new int[numRelevant];
    Arrays.fill(judged, 1);
    return of(ranks, ones, judged);
  }

  /** Number of judged relevant documents (trec_eval's {@code num_rel}). */
  public int numRelevant() {
    return idealGains.length;
  }

  /** Number of relevant documents retrieved. */
  public int numRelevantRetrieved() {
    return ranks.length;
  }

  /** Rank of the i-th retrieved relevant document (1-based rank, i from 0). */
  public int rank(int i) {
    return ranks[i];
  }

  /** Gain of the i-th retrieved relevant document. */
  public int gain(int i) {
    return gains[i];
  }

  /** The i-th largest judged gain (the ideal ranking's gain at rank i + 1). */
  public int idealGain(int i) {
    return idealGains[i];
  }

  @Override
  public String toString() {
    return "RelevantRanks{ranks=" + Arrays.toString(ranks) + ", gains=" + Arrays.toString(gains)
        + ", judged=" + Arrays.toString(idealGains) + "}";
  }
}
