package io.polyret.reports.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgTest {
  @Test
  void builderEscapesTextAndAttributes() {
    String svg = new SvgBuilder(10, 10, "a<b>&\"c'", "chart")
        .text("text", "<script>x</script>", "data-x", "\"><script>")
        .finish();
    assertFalse(svg.contains("<script"), svg);
    assertTrue(svg.contains("<title>a&lt;b&gt;&amp;&quot;c&#39;</title>"), svg);
    assertTrue(svg.contains("data-x=\"&quot;&gt;&lt;script&gt;\""), svg);
    assertTrue(svg.endsWith("</svg>"), svg);
  }

  @Test
  void builderRejectsNamesThatCouldInjectMarkup() {
    SvgBuilder b = new SvgBuilder(1, 1, "t", "c");
    assertThrows(IllegalArgumentException.class, () -> b.open("g onload=x"));
    assertThrows(IllegalArgumentException.class, () -> b.empty("rect", "x\" onclick=\"y", "1"));
    assertThrows(IllegalArgumentException.class, () -> b.empty("rect", "x"));
    assertThrows(IllegalArgumentException.class, () -> SvgBuilder.num(Double.NaN));
  }

  @Test
  void numbersAreLocaleIndependentAndShort() {
    assertEquals("1.5", SvgBuilder.num(1.50));
    assertEquals("2", SvgBuilder.num(2.0001));
    assertEquals("0", SvgBuilder.num(-0.001));
    assertEquals("-3.25", SvgBuilder.num(-3.25));
  }

  @Test
  void ticksAreNiceAndCoverTheRange() {
    List<Double> t = Ticks.nice(0.12, 0.87, 5);
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), t);
    assertEquals("0.4", Ticks.label(0.4, 0.2));
    assertEquals("0", Ticks.label(0, 5e-6));
    assertEquals("2.0e-05", Ticks.label(2e-5, 5e-6));
    List<Double> flat = Ticks.nice(3, 3, 5);
    assertTrue(flat.get(0) < 3 && flat.get(flat.size() - 1) > 3, flat.toString());
  }

  @Test
  void longSeriesAreAveragedIntoBoundedBuckets() {
    int n = 10_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      y[i] = i % 2 == 0 ? 1 : 3;
    }
    LineChart.Series s = LineChart.downsample(LineChart.series("loss", x, y, false));
    assertEquals(LineChart.MAX_POINTS, s.x().length);
    assertTrue(Arrays.stream(s.y()).allMatch(v -> Math.abs(v - 2) < 0.2), "means of 1 and 3");
    String svg = LineChart.render("t", "step", "loss", List.of(LineChart.series("loss", x, y,
        false)));
    String points = svg.substring(svg.indexOf("points=\"") + 8);
    points = points.substring(0, points.indexOf('"'));
    assertEquals(LineChart.MAX_POINTS, points.split(" ").length);
  }

  @Test
  void heatmapChecksShapeAndDrawsEveryCell() {
    assertThrows(IllegalArgumentException.class, () -> Heatmap.render("h", "r", "c",
        List.of("a", "b"), List.of("a", "b"), new double[][] {{1, 2}}, true, String::valueOf));
    String svg = Heatmap.render("h", "r", "c", List.of("a", "b"), List.of("a", "b"),
        new double[][] {{1, Double.NaN}, {0.5, 0.25}}, true, v -> String.valueOf(v));
    assertEquals(4, svg.split("<rect class=\"cell", -1).length - 1);
    assertEquals(2, svg.split("<rect class=\"cell diagonal", -1).length - 1);
    assertEquals(1, svg.split("cell missing", -1).length - 1);
    assertTrue(svg.contains(">n/a</text>"));
  }

  @Test
  void barChartSkipsMissingValuesAndChecksLengths() {
    List<Double> withGap = new ArrayList<>(Arrays.asList(1.0, null, 3.0));
    String svg = BarChart.render("b", "y", List.of("x", "y", "z"),
        List.of(new BarChart.Series("s", withGap)), String::valueOf);
    assertEquals(2, svg.split("<rect class=\"bar\"", -1).length - 1);
    assertThrows(IllegalArgumentException.class, () -> BarChart.render("b", "y", List.of("x"),
        List.of(new BarChart.Series("s", List.of(1.0, 2.0))), String::valueOf));
  }

  @Test
  void sequentialScaleRunsLightToDark() {
    assertEquals("#f1f7fd", Palette.sequential(0));
    assertEquals("#084081", Palette.sequential(1));
    assertEquals(Palette.sequential(1), Palette.sequential(7));
  }
}
