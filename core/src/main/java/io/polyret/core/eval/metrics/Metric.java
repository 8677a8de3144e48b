package io.polyret.core.eval.metrics;

import java.util.Locale;

/**
 * One ranking metric at an optional cutoff, e.g. {@code map}, {@code map@100}, {@code ndcg@10},
 * {@code recall@100}, {@code mrr@10}, {@code success@1}. Values follow trec_eval's definitions (see
 * {@link #trecEvalName()} for the measure to compare with).
 *
 * @param kind the metric
 * @param cutoff rank cutoff, 0 for none (the full ranking)
 */
public record Metric(MetricKind kind, int cutoff) {

  /** Validates the cutoff. */
  public Metric {
    if (kind == null) {
      throw new IllegalArgumentException("metric kind is null");
    }
    if (cutoff < 0) {
      throw new IllegalArgumentException("metric cutoff must be >= 0: " + cutoff);
    }
    if (cutoff == 0 && !kind.allowsNoCutoff()) {
      throw new IllegalArgumentException(
          "metric '" + kind.label() + "' needs a cutoff, e.g. '" + kind.label() + "@10'");
    }
  }

  /** Mean average precision over the full ranking. */
  public static final Metric MAP = new Metric(MetricKind.AP, 0);

  /**
   * Parses {@code name[@k]} with name one of map, ndcg, recall (alias r), mrr, success; e.g.
   * {@code "ndcg@10"}, {@code "R@1"}.
   */
  public static Metric parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty metric name");
    }
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    String name = at < 0 ? s : s.substring(0, at);
    int cutoff = 0;
    if (at >= 0) {
      try {
        cutoff = Integer.parseInt(s.substring(at + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad cutoff in metric '" + spec + "'");
      }
      if (cutoff <= 0) {
        throw new IllegalArgumentException("cutoff must be positive in metric '" + spec + "'");
      }
    }
    MetricKind kind = switch (name) {
      case "map", "ap" -> MetricKind.AP;
      case "ndcg" -> MetricKind.NDCG;
      case "recall", "r" -> MetricKind.RECALL;
      case "mrr", "rr" -> MetricKind.MRR;
      case "success" -> MetricKind.SUCCESS;
      default -> throw new IllegalArgumentException(
          "unknown metric '" + spec + "' (known: map, ndcg@k, recall@k, mrr, success@k)");
    };
    return new Metric(kind, cutoff);
  }

  /** Canonical name, e.g. {@code "ndcg@10"}; {@link #parse} reads it back. */
  public String name() {
    return cutoff == 0 ? kind.label() : kind.label() + "@" + cutoff;
  }

  /**
   * The trec_eval measure that prints the same value, e.g. {@code ndcg_cut_10}, {@code recall_100},
   * {@code map}. For {@code mrr@k} it is {@code recip_rank} on a run cut at depth k ({@code -M k}).
   */
  public String trecEvalName() {
    String base = kind.trecName(cutoff);
    if (kind == MetricKind.MRR || cutoff == 0) {
      return base;
    }
    return base + "_" + cutoff;
  }

  /** Value for one query. */
  public double compute(RelevantRanks r) {
    return switch (kind) {
      case AP -> averagePrecision(r, cutoff);
      case NDCG -> ndcg(r, cutoff);
      case RECALL -> recall(r, cutoff);
      case MRR -> reciprocalRank(r, cutoff);
      case SUCCESS -> success(r, cutoff);
    };
  }

  @Override
  public String toString() {
    return name();
  }

  private static boolean within(int rank, int cutoff) {
    return cutoff == 0 || rank <= cutoff;
  }

  static double averagePrecision(RelevantRanks r, int cutoff) {
    if (r.numRelevant() == 0) {
      return 0.0;
    }
    double sum = 0.0;
    for (int i = 0; i < r.numRelevantRetrieved() && within(r.rank(i), cutoff); i++) {
      sum += (double) (i + 1) / (double) r.rank(i);
    }
    return sum / r.numRelevant();
  }

  static double ndcg(RelevantRanks r, int cutoff) {
    double dcg = 0.0;
    for (int i = 0; i < r.numRelevantRetrieved() && within(r.rank(i), cutoff); i++) {
      dcg += r.gain(i) / log2(r.rank(i) + 1);
    }
    double ideal = 0.0;
    int n = cutoff == 0 ? r.numRelevant() : Math.min(cutoff, r.numRelevant());
    for (int i = 0; i < n; i++) {
      ideal += r.idealGain(i) / log2(i + 2);
    }
    // trec_eval leaves the (zero) DCG as is when the ideal DCG is zero.
    return ideal > 0.0 ? dcg / ideal : dcg;
  }

  static double recall(RelevantRanks r, int cutoff) {
    if (r.numRelevant() == 0) {
      return 0.0;
    }
    int found = 0;
    while (found < r.numRelevantRetrieved() && within(r.rank(found), cutoff)) {
      found++;
    }
    return (double) found / r.numRelevant();
  }

  static double reciprocalRank(RelevantRanks r, int cutoff) {
    if (r.numRelevantRetrieved() == 0 || !within(r.rank(0), cutoff)) {
      return 0.0;
    }
    return 1.0 / r.rank(0);
  }

  static double success(RelevantRanks r, int cutoff) {
    return r.numRelevantRetrieved() > 0 && within(r.rank(0), cutoff) ? 1.0 : 0.0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }
}
