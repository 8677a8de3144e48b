package io.polyret.reports.svg;

import java.util.List;
import java.util.Locale;

/** Colours: a colour-blind-safe series palette (Okabe and Ito) and a sequential scale. */
public final class Palette {
  private Palette() {}

  private static final List<String> SERIES = List.of(
      "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000");

  /** Colour of the i-th series (cycles). */
  public static String series(int i) {
    return SERIES.get(Math.floorMod(i, SERIES.size()));
  }

  // Sequential blues, light to dark.
  private static final int[] LOW = {0xF1, 0xF7, 0xFD};
  private static final int[] HIGH = {0x08, 0x40, 0x81};

  /** Colour of t in [0, 1] on the sequential scale (clamped). */
  public static String sequential(double t) {
    double u = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
    int[] rgb = new int[3];
    for (int c = 0; c < 3; c++) {
      rgb[c] = (int) Math.round(LOW[c] + (HIGH[c] - LOW[c]) * u);
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  }

  /** Text colour readable on {@link #sequential(double)} of t. */
  public static String textOn(double t) {
    return t > 0.55 ? "#ffffff" : "#111111";
  }
}
