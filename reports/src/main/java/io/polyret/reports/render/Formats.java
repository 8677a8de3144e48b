package io.polyret.reports.render;

import io.polyret.reports.model.MetricNames;
import java.util.Locale;

/** Fixed number formats (Locale.ROOT) shared by every renderer, so output never varies. */
public final class Formats {
  private Formats() {}

  /** A metric value: four decimals ({@code 0.7920}); rank distance one decimal ({@code 287.5}). */
  public static String value(String metric, double v) {
    return MetricNames.lowerIsBetter(metric)
        ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }

  /** A signed difference in the metric's format ({@code +0.0123}, {@code -12.5}). */
  public static String delta(String metric, double d) {
    String s = MetricNames.lowerIsBetter(metric)
        ? String.format(Locale.ROOT, "%+.1f", d)
        : String.format(Locale.ROOT, "%+.4f", d);
    // A difference that rounds to zero prints without a sign.
    return s.matches("[+-]0\\.0+") ? s.substring(1) : s;
  }

  /** Three decimals, for heatmap cells where space is short. */
  public static String compact(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** A rank distance for chart labels. */
  public static String rankDistance(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** An integer count with no grouping separators. */
  public static String count(long n) {
    return Long.toString(n);
  }

  /** A loss or other training value: four significant digits. */
  public static String general(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
