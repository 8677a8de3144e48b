package io.polyret.reports.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A line chart of one or more series against a shared numeric x axis, as inline SVG. */
public final class LineChart {
  /** Most points drawn per series; longer series are averaged in equal buckets. */
  public static final int MAX_POINTS = 800;
  private static final int MAX_MARKERS = 60;

  private static final double WIDTH = 640;
  private static final double HEIGHT = 300;
  private static final double LEFT = 70;
  // Room for the last x tick label, which is centred on the plot's right edge.
  private static final double RIGHT = 36;
  private static final double BOTTOM = 44;

  /**
   * One line.
   *
   * @param name legend text
   * @param x x values, ascending
   * @param y y values, same length; non-finite values are skipped
   * @param dashed draw dashed with point markers (for sparse series such as validation loss)
   * @param colour index into {@link Palette#series(int)}, so related series can share a colour
   */
  public record Series(String name, double[] x, double[] y, boolean dashed, int colour) {
    /** Validates. */
    public Series {
      Objects.requireNonNull(name, "name");
      if (x.length != y.length) {
        throw new IllegalArgumentException("series '" + name + "' has " + x.length
            + " x values but " + y.length + " y values");
      }
    }
  }

  /** A series coloured by its position in the chart. */
  public static Series series(String name, double[] x, double[] y, boolean dashed) {
    return new Series(name, x, y, dashed, -1);
  }

  private LineChart() {}

  /** Renders the chart; {@code title} becomes the accessible SVG title. */
  public static String render(String title, String xLabel, String yLabel, List<Series> series) {
    List<Series> drawn = series.stream().map(LineChart::downsample).toList();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Series s : drawn) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          minX = Math.min(minX, s.x()[i]);
          maxX = Math.max(maxX, s.x()[i]);
          minY = Math.min(minY, s.y()[i]);
          maxY = Math.max(maxY, s.y()[i]);
        }
      }
    }
    boolean empty = minX > maxX;
    if (empty) {
      minX = 0;
      maxX = 1;
      minY = 0;
      maxY = 1;
    }
    Legend legend = Legend.layout(drawn.stream().map(Series::name).toList(), WIDTH - LEFT - RIGHT);
    double top = 16 + legend.height();
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - top - BOTTOM;
    List<Double> xTicks = Ticks.nice(minX, maxX, 6);
    List<Double> yTicks = Ticks.nice(minY, maxY, 5);
    double x0 = xTicks.get(0);
    double x1 = xTicks.get(xTicks.size() - 1);
    double y0 = yTicks.get(0);
    double y1 = yTicks.get(yTicks.size() - 1);

    SvgBuilder svg = new SvgBuilder(WIDTH, HEIGHT, title, "chart line-chart");
    Axes.draw(svg, LEFT, top, plotW, plotH, xTicks, yTicks, xLabel, yLabel);
    legend.draw(svg, LEFT, 8, drawn, Series::dashed,
        java.util.stream.IntStream.range(0, drawn.size())
            .mapToObj(i -> colourOf(drawn.get(i), i)).toList());
    for (int k = 0; k < drawn.size(); k++) {
      Series s = drawn.get(k);
      StringBuilder points = new StringBuilder();
      List<String[]> markers = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
          continue;
        }
        double px = LEFT + (s.x()[i] - x0) / (x1 - x0) * plotW;
        double py = top + plotH - (s.y()[i] - y0) / (y1 - y0) * plotH;
        if (points.length() > 0) {
          points.append(' ');
        }
        points.append(SvgBuilder.num(px)).append(',').append(SvgBuilder.num(py));
        markers.add(new String[] {SvgBuilder.num(px), SvgBuilder.num(py)});
      }
      String colour = colourOf(s, k);
      svg.open("g", "class", "series", "data-series", s.name());
      svg.text("title", s.name());
      if (points.length() > 0) {
        svg.empty("polyline", "points", points.toString(), "fill", "none", "stroke", colour,
            "stroke-width", "1.8", "stroke-dasharray", s.dashed() ? "5 3" : null,
            "stroke-linejoin", "round");
      }
      // Markers show where sparse points are; on dense series they would only blot the line.
      if ((s.dashed() && markers.size() <= MAX_MARKERS) || markers.size() == 1) {
        for (String[] m : markers) {
          svg.empty("circle", "cx", m[0], "cy", m[1], "r", "3", "fill", colour);
        }
      }
      svg.close();
    }
    if (empty) {
      svg.text("text", "no data", "x", SvgBuilder.num(LEFT + plotW / 2),
          "y", SvgBuilder.num(top + plotH / 2), "text-anchor", "middle", "class", "muted");
    }
    return svg.finish();
  }

  private static String colourOf(Series s, int position) {
    return Palette.series(s.colour() >= 0 ? s.colour() : position);
  }

  /** Bucket means keep the shape of long curves while bounding the SVG size. */
  static Series downsample(Series s) {
    int n = s.x().length;
    if (n <= MAX_POINTS) {
      return s;
    }
    double[] x = new double[MAX_POINTS];
    double[] y = new double[MAX_POINTS];
    for (int b = 0; b < MAX_POINTS; b++) {
      int from = (int) ((long) b * n / MAX_POINTS);
      int to = (int) ((long) (b + 1) * n / MAX_POINTS);
      double sx = 0;
      double sy = 0;
      int count = 0;
      for (int i = from; i < to; i++) {
        if (Double.isFinite(s.y()[i])) {
          sx += s.x()[i];
          sy += s.y()[i];
          count++;
        }
      }
      x[b] = count == 0 ? Double.NaN : sx / count;
      y[b] = count == 0 ? Double.NaN : sy / count;
    }
    return new Series(s.name(), x, y, s.dashed(), s.colour());
  }
}
