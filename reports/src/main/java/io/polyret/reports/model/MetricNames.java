package io.polyret.reports.model;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Names of the metrics in {@link SettingResult#metrics()} and their display order. */
public final class MetricNames {
  private MetricNames() {}

  /** Mean average precision over the full ranking. */
  public static final String MAP = "map";
  /** Rank distance (language bias); lower is better. Used in reference rows and overviews. */
  public static final String RANK_DISTANCE = "rank_distance";

  /** Families in display order; a name is {@code family} or {@code family@k}. */
  private static final List<String> FAMILIES =
      List.of("map", "ndcg", "mrr", "recall", "success", "precision");

  /** {@code recall@k}. */
  public static String recallAt(int k) {
    return "recall@" + k;
  }

  /** {@code ndcg@k}. */
  public static String ndcgAt(int k) {
    return "ndcg@" + k;
  }

  /** {@code mrr@k}. */
  public static String mrrAt(int k) {
    return "mrr@" + k;
  }

  /** {@code success@k}. */
  public static String successAt(int k) {
    return "success@" + k;
  }

  /** True when a smaller value is better (rank distance). */
  public static boolean lowerIsBetter(String metric) {
    return RANK_DISTANCE.equals(metric);
  }

  /** Short display label: {@code mAP}, {@code R@10}, {@code nDCG@10}, {@code MRR@10}, ... */
  public static String label(String metric) {
    String family = family(metric);
    String cutoff = metric.length() > family.length() ? metric.substring(family.length()) : "";
    String head = switch (family) {
      case "map" -> "mAP";
      case "ndcg" -> "nDCG";
      case "mrr" -> "MRR";
      case "recall" -> "R";
      case "success" -> "S";
      case "precision" -> "P";
      case RANK_DISTANCE -> "rank distance";
      default -> metric;
    };
    return head.equals(metric) ? metric : head + cutoff;
  }

  /**
   * Display order: by family ({@code map, ndcg, mrr, recall, success, precision}, then others
   * alphabetically), then by cutoff numerically ({@code recall@1 < recall@10 < recall@100}).
   */
  public static final Comparator<String> ORDER = Comparator
      .comparingInt((String m) -> {
        int i = FAMILIES.indexOf(family(m));
        return i < 0 ? FAMILIES.size() : i;
      })
      .thenComparing(MetricNames::family)
      .thenComparingLong(MetricNames::cutoff)
      .thenComparing(Comparator.naturalOrder());

  private static String family(String metric) {
    int at = metric.indexOf('@');
    return (at < 0 ? metric : metric.substring(0, at)).toLowerCase(Locale.ROOT);
  }

  private static long cutoff(String metric) {
    int at = metric.indexOf('@');
    if (at < 0) {
      return -1;
    }
    try {
      return Long.parseLong(metric.substring(at + 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
