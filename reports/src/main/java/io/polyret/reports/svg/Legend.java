package io.polyret.reports.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A legend of coloured swatches laid out in rows that fit a width. */
final class Legend {
  private static final double ROW = 18;
  private static final double CHAR = 6.6;

  private final List<String> names;
  private final List<double[]> positions;
  private final double height;

  private Legend(List<String> names, List<double[]> positions, double height) {
    this.names = names;
    this.positions = positions;
    this.height = height;
  }

  static Legend layout(List<String> names, double width) {
    List<double[]> positions = new ArrayList<>();
    double x = 0;
    double y = 0;
    for (String name : names) {
      double w = 22 + CHAR * name.length() + 14;
      if (x > 0 && x + w > width) {
        x = 0;
        y += ROW;
      }
      positions.add(new double[] {x, y});
      x += w;
    }
    return new Legend(names, positions, names.isEmpty() ? 0 : y + ROW);
  }

  double height() {
    return height;
  }

  <T> void draw(SvgBuilder svg, double left, double top, List<T> items, Predicate<T> dashed,
      List<String> colours) {
    if (names.isEmpty()) {
      return;
    }
    svg.open("g", "class", "legend");
    for (int i = 0; i < names.size(); i++) {
      double x = left + positions.get(i)[0];
      double y = top + positions.get(i)[1];
      boolean dash = dashed != null && dashed.test(items.get(i));
      svg.empty("line", "x1", SvgBuilder.num(x), "x2", SvgBuilder.num(x + 16),
          "y1", SvgBuilder.num(y + 7), "y2", SvgBuilder.num(y + 7), "stroke", colours.get(i),
          "stroke-width", dash ? "2" : "6", "stroke-dasharray", dash ? "4 2" : null);
      svg.text("text", names.get(i), "x", SvgBuilder.num(x + 22), "y", SvgBuilder.num(y + 11),
          "class", "legend-text");
    }
    svg.close();
  }
}
