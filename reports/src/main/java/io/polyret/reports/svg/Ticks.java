package io.polyret.reports.svg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" axis ticks (steps of 1, 2 or 5 times a power of ten) and their labels. */
final class Ticks {
  private Ticks() {}

  /** Ticks covering [min, max], about {@code target} of them; returns at least two. */
  static List<Double> nice(double min, double max, int target) {
    if (max <= min) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    double start = Math.floor(min / step) * step;
    double end = Math.ceil(max / step) * step;
    List<Double> ticks = new ArrayList<>();
    long n = Math.round((end - start) / step);
    for (long i = 0; i <= n; i++) {
      // Through BigDecimal so 0.1 + 0.2 style noise does not reach the labels.
      ticks.add(new BigDecimal(start + i * step).round(new java.math.MathContext(12)).doubleValue());
    }
    return ticks;
  }

  /** Label for a tick value given the step between ticks. */
  static String label(double v, double step) {
    double abs = Math.abs(v);
    if (abs == 0) {
      return "0";
    }
    if (Math.abs(step) < 1e-3 || abs >= 1e6) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
  }
}
