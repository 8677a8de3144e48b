package io.polyret.reports.svg;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A matrix of coloured cells with the value printed in each, as inline SVG. Rows and columns share
 * labels when square; the diagonal can be set apart with a heavy outline.
 */
public final class Heatmap {
  private static final double CELL_W = 50;
  private static final double CELL_H = 30;
  private static final double CHAR = 7;

  private Heatmap() {}

  /**
   * Renders the heatmap with colours from its own smallest to largest finite value.
   *
   * @see #render(String, String, String, List, List, double[][], boolean, double, double,
   *     DoubleFunction)
   */
  public static String render(String title, String rowAxis, String columnAxis,
      List<String> rows, List<String> columns, double[][] values, boolean markDiagonal,
      DoubleFunction<String> valueFormat) {
    return render(title, rowAxis, columnAxis, rows, columns, values, markDiagonal, Double.NaN,
        Double.NaN, valueFormat);
  }

  /**
   * Renders the heatmap. Missing (non-finite) cells are drawn grey and labelled "n/a".
   *
   * @param values {@code values[row][column]}
   * @param markDiagonal outline cells whose row and column labels are equal
   * @param scaleMin value at the light end of the colour scale; NaN = the smallest value. Give
   *     several heatmaps the same range to make their colours comparable.
   * @param scaleMax value at the dark end; NaN = the largest value
   */
  public static String render(String title, String rowAxis, String columnAxis,
      List<String> rows, List<String> columns, double[][] values, boolean markDiagonal,
      double scaleMin, double scaleMax, DoubleFunction<String> valueFormat) {
    if (values.length != rows.size()) {
      throw new IllegalArgumentException(
          "heatmap '" + title + "' has " + values.length + " rows of values for " + rows.size()
              + " row labels");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("heatmap '" + title + "' row has " + row.length
            + " values for " + columns.size() + " columns");
      }
      for (double v : row) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (Double.isFinite(scaleMin)) {
      min = scaleMin;
    }
    if (Double.isFinite(scaleMax)) {
      max = scaleMax;
    }
    int longestRow = rows.stream().mapToInt(String::length).max().orElse(1);
    double left = 34 + Math.max(3, longestRow) * CHAR;
    double top = 44;
    double gridW = columns.size() * CELL_W;
    double gridH = rows.size() * CELL_H;
    double legendTop = top + gridH + 16;
    double width = Math.max(left + gridW + 16, 360);
    double height = legendTop + 40;

    SvgBuilder svg = new SvgBuilder(width, height, title, "chart heatmap");
    svg.text("text", columnAxis, "x", SvgBuilder.num(left + gridW / 2), "y", "14",
        "text-anchor", "middle", "class", "label");
    svg.text("text", rowAxis, "x", "12", "y", SvgBuilder.num(top + gridH / 2),
        "text-anchor", "middle", "class", "label",
        "transform", "rotate(-90 12 " + SvgBuilder.num(top + gridH / 2) + ")");
    for (int c = 0; c < columns.size(); c++) {
      svg.text("text", columns.get(c), "x", SvgBuilder.num(left + c * CELL_W + CELL_W / 2),
          "y", SvgBuilder.num(top - 8), "text-anchor", "middle", "class", "tick");
    }
    svg.open("g", "class", "cells");
    for (int r = 0; r < rows.size(); r++) {
      svg.text("text", rows.get(r), "x", SvgBuilder.num(left - 6),
          "y", SvgBuilder.num(top + r * CELL_H + CELL_H / 2 + 4), "text-anchor", "end",
          "class", "tick");
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        boolean diagonal = markDiagonal && rows.get(r).equals(columns.get(c));
        double x = left + c * CELL_W;
        double y = top + r * CELL_H;
        boolean present = Double.isFinite(v);
        double t = present ? (max > min ? (v - min) / (max - min) : 0.5) : 0;
        String label = present ? valueFormat.apply(v) : "n/a";
        svg.open("rect", "class", "cell" + (diagonal ? " diagonal" : "") + (present ? "" : " missing"),
            "x", SvgBuilder.num(x), "y", SvgBuilder.num(y),
            "width", SvgBuilder.num(CELL_W), "height", SvgBuilder.num(CELL_H),
            "fill", present ? Palette.sequential(t) : "#e0e0e0",
            "data-row", rows.get(r), "data-column", columns.get(c));
        svg.text("title", rows.get(r) + " \u2192 " + columns.get(c) + ": " + label);
        svg.close();
        svg.text("text", label, "x", SvgBuilder.num(x + CELL_W / 2),
            "y", SvgBuilder.num(y + CELL_H / 2 + 4), "text-anchor", "middle",
            "class", "cell-value", "fill", present ? Palette.textOn(t) : "#555555");
      }
    }
    // Diagonal outlines last so neighbouring cells do not paint over them.
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        if (markDiagonal && rows.get(r).equals(columns.get(c))) {
          svg.empty("rect", "class", "diagonal-outline",
              "x", SvgBuilder.num(left + c * CELL_W + 1.5), "y", SvgBuilder.num(top + r * CELL_H + 1.5),
              "width", SvgBuilder.num(CELL_W - 3), "height", SvgBuilder.num(CELL_H - 3),
              "fill", "none", "stroke", "#d55e00", "stroke-width", "3");
        }
      }
    }
    svg.close();
    if (min <= max) {
      svg.open("g", "class", "scale");
      int steps = 5;
      for (int i = 0; i < steps; i++) {
        double t = i / (double) (steps - 1);
        double x = left + i * 44;
        svg.empty("rect", "x", SvgBuilder.num(x), "y", SvgBuilder.num(legendTop),
            "width", "44", "height", "12", "fill", Palette.sequential(t));
        svg.text("text", valueFormat.apply(min + t * (max - min)), "x", SvgBuilder.num(x + 22),
            "y", SvgBuilder.num(legendTop + 26), "text-anchor", "middle", "class", "tick");
      }
      svg.close();
    }
    return svg.finish();
  }
}
