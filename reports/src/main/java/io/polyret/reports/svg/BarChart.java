package io.polyret.reports.svg;

import java.util.List;
import java.util.function.DoubleFunction;

/** A grouped bar chart: one group per category, one bar per series, as inline SVG. */
public final class BarChart {
  private static final double HEIGHT = 300;
  private static final double LEFT = 70;
  private static final double RIGHT = 16;
  private static final double BOTTOM = 48;
  private static final double MIN_WIDTH = 420;
  private static final double MAX_BAR = 26;

  /**
   * One series of bars.
   *
   * @param name legend text
   * @param values one value per category; null or non-finite for none
   */
  public record Series(String name, List<Double> values) {
    /** Copies (nulls allowed). */
    public Series {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  private BarChart() {}

  /**
   * Renders the chart. Bars start at zero; values are printed above bars that are wide enough.
   *
   * @param valueFormat formats a value for the label above its bar
   */
  public static String render(String title, String yLabel, List<String> categories,
      List<Series> series, DoubleFunction<String> valueFormat) {
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size()
            + " values for " + categories.size() + " categories");
      }
    }
    double max = 0;
    double min = 0;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null && Double.isFinite(v)) {
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
      }
    }
    int nSeries = Math.max(1, series.size());
    double bar = Math.min(MAX_BAR, Math.max(6, 300.0 / Math.max(1, categories.size() * nSeries)));
    double groupGap = bar;
    double groupW = nSeries * bar + groupGap;
    double plotW = Math.max(MIN_WIDTH - LEFT - RIGHT, categories.size() * groupW);
    double width = LEFT + RIGHT + plotW;
    Legend legend = Legend.layout(series.stream().map(Series::name).toList(), plotW);
    double top = 22 + legend.height();
    double plotH = HEIGHT - top - BOTTOM;
    List<Double> yTicks = Ticks.nice(min, max == min ? min + 1 : max, 5);
    double y0 = yTicks.get(0);
    double y1 = yTicks.get(yTicks.size() - 1);

    SvgBuilder svg = new SvgBuilder(width, HEIGHT, title, "chart bar-chart");
    Axes.draw(svg, LEFT, top, plotW, plotH, null, yTicks, null, yLabel);
    legend.draw(svg, LEFT, 8, series, null,
        java.util.stream.IntStream.range(0, series.size()).mapToObj(Palette::series).toList());
    double slack = (plotW - categories.size() * groupW) / Math.max(1, categories.size());
    double zeroY = top + plotH - (0 - y0) / (y1 - y0) * plotH;
    boolean labels = bar >= 14;
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * (groupW + slack) + (groupGap + slack) / 2;
      svg.open("g", "class", "bar-group", "data-category", categories.get(c));
      for (int k = 0; k < series.size(); k++) {
        Double v = series.get(k).values().get(c);
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        double vy = top + plotH - (v - y0) / (y1 - y0) * plotH;
        double x = gx + k * bar;
        svg.open("rect", "class", "bar", "x", SvgBuilder.num(x),
            "y", SvgBuilder.num(Math.min(vy, zeroY)), "width", SvgBuilder.num(bar - 1),
            "height", SvgBuilder.num(Math.abs(zeroY - vy)), "fill", Palette.series(k));
        svg.text("title", series.get(k).name() + ", " + categories.get(c) + ": "
            + valueFormat.apply(v));
        svg.close();
        String label = valueFormat.apply(v);
        // Print the value only where it fits over its bar (9px digits are about 5.5px wide).
        if (labels && label.length() * 5.5 <= bar + 1) {
          svg.text("text", label, "x", SvgBuilder.num(x + (bar - 1) / 2),
              "y", SvgBuilder.num(Math.min(vy, zeroY) - 3), "text-anchor", "middle",
              "class", "bar-value");
        }
      }
      svg.text("text", categories.get(c), "x", SvgBuilder.num(gx + nSeries * bar / 2),
          "y", SvgBuilder.num(top + plotH + 18), "text-anchor", "middle", "class", "tick");
      svg.close();
    }
    return svg.finish();
  }
}
