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

  // Diverging red - light grey - blue, for signed differences.
  private static final int[] NEGATIVE = {0xB2, 0x18, 0x2B};
  private static final int[] MIDDLE = {0xF7, 0xF7, 0xF7};
  private static final int[] POSITIVE = {0x21, 0x66, 0xAC};

  /** Colour of t in [0, 1] on the diverging scale: 0 red, 0.5 neutral, 1 blue (clamped). */
  public static String diverging(double t) {
    double u = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0.5;
    int[] from = u < 0.5 ? NEGATIVE : MIDDLE;
    int[] to = u < 0.5 ? MIDDLE : POSITIVE;
    double f = u < 0.5 ? u * 2 : (u - 0.5) * 2;
    int[] rgb = new int[3];
    for (int c = 0; c < 3; c++) {
      rgb[c] = (int) Math.round(from[c] + (to[c] - from[c]) * f);
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  }

  /** Text colour readable on {@link #diverging(double)} of t. */
  public static String textOnDiverging(double t) {
    return Math.abs(t - 0.5) > 0.35 ? "#ffffff" : "#111111";
  }

  /** Text colour readable on {@link #sequential(double)} of t. */
  public static String textOn(double t) {
    return t > 0.55 ? "#ffffff" : "#111111";
  }
}
