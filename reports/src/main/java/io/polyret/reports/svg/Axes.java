package io.polyret.reports.svg;

import java.util.List;

/** Grid, ticks and axis labels shared by the charts. */
final class Axes {
  private Axes() {}

  /** Draws a y axis with grid lines and, when {@code xTicks} is not null, a numeric x axis. */
  static void draw(SvgBuilder svg, double left, double top, double plotW, double plotH,
      List<Double> xTicks, List<Double> yTicks, String xLabel, String yLabel) {
    svg.open("g", "class", "axes");
    double y0 = yTicks.get(0);
    double y1 = yTicks.get(yTicks.size() - 1);
    double yStep = yTicks.size() > 1 ? yTicks.get(1) - yTicks.get(0) : 1;
    for (double t : yTicks) {
      double py = top + plotH - (t - y0) / (y1 - y0) * plotH;
      svg.empty("line", "x1", SvgBuilder.num(left), "x2", SvgBuilder.num(left + plotW),
          "y1", SvgBuilder.num(py), "y2", SvgBuilder.num(py), "class", "grid");
      svg.text("text", Ticks.label(t, yStep), "x", SvgBuilder.num(left - 6),
          "y", SvgBuilder.num(py + 4), "text-anchor", "end", "class", "tick");
    }
    if (xTicks != null) {
      double x0 = xTicks.get(0);
      double x1 = xTicks.get(xTicks.size() - 1);
      double xStep = xTicks.size() > 1 ? xTicks.get(1) - xTicks.get(0) : 1;
      for (double t : xTicks) {
        double px = left + (t - x0) / (x1 - x0) * plotW;
        svg.empty("line", "x1", SvgBuilder.num(px), "x2", SvgBuilder.num(px),
            "y1", SvgBuilder.num(top + plotH), "y2", SvgBuilder.num(top + plotH + 4),
            "class", "axis");
        svg.text("text", Ticks.label(t, xStep), "x", SvgBuilder.num(px),
            "y", SvgBuilder.num(top + plotH + 18), "text-anchor", "middle", "class", "tick");
      }
    }
    svg.empty("line", "x1", SvgBuilder.num(left), "x2", SvgBuilder.num(left + plotW),
        "y1", SvgBuilder.num(top + plotH), "y2", SvgBuilder.num(top + plotH), "class", "axis");
    svg.empty("line", "x1", SvgBuilder.num(left), "x2", SvgBuilder.num(left),
        "y1", SvgBuilder.num(top), "y2", SvgBuilder.num(top + plotH), "class", "axis");
    if (xLabel != null) {
      svg.text("text", xLabel, "x", SvgBuilder.num(left + plotW / 2),
          "y", SvgBuilder.num(top + plotH + 36), "text-anchor", "middle", "class", "label");
    }
    if (yLabel != null) {
      double cy = top + plotH / 2;
      svg.text("text", yLabel, "x", SvgBuilder.num(14), "y", SvgBuilder.num(cy),
          "text-anchor", "middle", "class", "label",
          "transform", "rotate(-90 14 " + SvgBuilder.num(cy) + ")");
    }
    svg.close();
  }
}
