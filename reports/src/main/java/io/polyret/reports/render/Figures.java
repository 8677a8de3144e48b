package io.polyret.reports.render;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.MetricNames;
import io.polyret.reports.model.SettingResult;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingRecord;
import io.polyret.reports.model.ValidationPoint;
import io.polyret.reports.svg.BarChart;
import io.polyret.reports.svg.Heatmap;
import io.polyret.reports.svg.LineChart;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Builds the report's SVG figures from results and training records. */
final class Figures {
  private Figures() {}

  /** A captioned SVG figure; {@code svg} is markup built (and escaped) by the SVG builder. */
  record Figure(String caption, String svg) {}

  /**
   * The language-pair heatmap of one run's benchmark: query language x pool language, cross-
   * lingual values off the diagonal and monolingual ones on it; empty when the benchmark has no
   * cross-lingual rows.
   */
  static Optional<Figure> heatmap(String run, BenchmarkResult b, double[] scale) {
    Optional<String> metric = heatmapMetric(b);
    if (metric.isEmpty()) {
      return Optional.empty();
    }
    List<String> langs = Tables.languages(b);
    double[][] values = heatmapValues(b, metric.get());
    String caption = run + " \u2013 " + b.name() + ": " + MetricNames.label(metric.get())
        + " by query language (rows) and pool language (columns); diagonal = monolingual";
    return Optional.of(new Figure(caption, Heatmap.render(caption, "query language",
        "pool language", langs, langs, values, true, scale[0], scale[1], Formats::compact)));
  }

  /**
   * The common colour range {min, max} of the heatmaps of one benchmark over all runs, so equal
   * colours mean equal values across runs.
   */
  static double[] heatmapScale(Iterable<BenchmarkResult> results) {
    double min = Double.NaN;
    double max = Double.NaN;
    for (BenchmarkResult b : results) {
      Optional<String> metric = heatmapMetric(b);
      if (metric.isEmpty()) {
        continue;
      }
      for (double[] row : heatmapValues(b, metric.get())) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            min = Double.isNaN(min) ? v : Math.min(min, v);
            max = Double.isNaN(max) ? v : Math.max(max, v);
          }
        }
      }
    }
    return new double[] {min, max};
  }

  /** mAP when measured cross-lingually, else the first cross-lingual metric; empty if none. */
  private static Optional<String> heatmapMetric(BenchmarkResult b) {
    if (b.pairRows(SettingResult.CROSS_LINGUAL).isEmpty()) {
      return Optional.empty();
    }
    List<String> crossMetrics = b.metricNames(SettingResult.CROSS_LINGUAL);
    if (crossMetrics.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        crossMetrics.contains(MetricNames.MAP) ? MetricNames.MAP : crossMetrics.get(0));
  }

  private static double[][] heatmapValues(BenchmarkResult b, String metric) {
    List<String> langs = Tables.languages(b);
    double[][] values = new double[langs.size()][langs.size()];
    for (int r = 0; r < langs.size(); r++) {
      for (int c = 0; c < langs.size(); c++) {
        String q = langs.get(r);
        String p = langs.get(c);
        String setting = q.equals(p) ? SettingResult.MONOLINGUAL : SettingResult.CROSS_LINGUAL;
        Double v = b.find(setting, q, p).map(s -> s.metric(metric)).orElse(null);
        values[r][c] = v == null ? Double.NaN : v;
      }
    }
    return values;
  }

  /** Rank distance per query language, runs side by side; empty when no run measured it. */
  static Optional<Figure> languageBias(String benchmark, Map<String, BenchmarkResult> byRun) {
    Set<String> langs = new LinkedHashSet<>();
    List<String> runs = new ArrayList<>();
    for (Map.Entry<String, BenchmarkResult> e : byRun.entrySet()) {
      if (!e.getValue().rankDistanceByLanguage().isEmpty()) {
        runs.add(e.getKey());
        langs.addAll(Tables.languages(e.getValue()).stream()
            .filter(e.getValue().rankDistanceByLanguage()::containsKey).toList());
        langs.addAll(e.getValue().rankDistanceByLanguage().keySet());
      }
    }
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    List<String> categories = new ArrayList<>(langs);
    categories.add("macro");
    List<BarChart.Series> series = new ArrayList<>();
    Tables.Column rd = new Tables.Column(SettingResult.MULTILINGUAL, MetricNames.RANK_DISTANCE);
    for (String run : runs) {
      BenchmarkResult b = byRun.get(run);
      List<Double> values = new ArrayList<>();
      for (String lang : langs) {
        values.add(b.rankDistanceByLanguage().get(lang));
      }
      OptionalDouble macro = Tables.value(b, rd);
      values.add(macro.isPresent() ? macro.getAsDouble() : null);
      series.add(new BarChart.Series(run, values));
    }
    String caption = benchmark + ": mean rank distance per query language, multilingual setting"
        + " (lower is better)";
    return Optional.of(new Figure(caption, BarChart.render(caption, "rank distance", categories,
        series, Formats::rankDistance)));
  }

  /** Training and validation loss against steps, every run in one chart. */
  static Figure loss(List<TrainingRecord> records) {
    List<LineChart.Series> series = new ArrayList<>();
    for (int k = 0; k < records.size(); k++) {
      TrainingRecord r = records.get(k);
      List<TrainStep> steps = r.steps();
      double[] x = new double[steps.size()];
      double[] y = new double[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        x[i] = steps.get(i).step();
        y[i] = steps.get(i).loss();
      }
      series.add(new LineChart.Series(r.runName() + " train", x, y, false, k));
      List<ValidationPoint> vals = r.validations();
      double[] vx = new double[vals.size()];
      double[] vy = new double[vals.size()];
      for (int i = 0; i < vals.size(); i++) {
        vx[i] = vals.get(i).step();
        vy[i] = vals.get(i).valLoss();
      }
      if (vals.size() > 0) {
        series.add(new LineChart.Series(r.runName() + " validation", vx, vy, true, k));
      }
    }
    String caption = "Training loss (solid) and validation loss (dashed) against steps";
    return new Figure(caption, LineChart.render(caption, "step", "loss", series));
  }

  /** Learning rate against steps. */
  static Figure learningRate(List<TrainingRecord> records) {
    List<LineChart.Series> series = new ArrayList<>();
    for (TrainingRecord r : records) {
      double[] x = r.steps().stream().mapToDouble(TrainStep::step).toArray();
      double[] y = r.steps().stream().mapToDouble(TrainStep::lr).toArray();
      series.add(LineChart.series(r.runName(), x, y, false));
    }
    String caption = "Learning rate against steps";
    return new Figure(caption, LineChart.render(caption, "step", "learning rate", series));
  }

  /** Number of batches of each kind, runs side by side. */
  static Figure batchKinds(List<TrainingRecord> records) {
    Set<String> kinds = new LinkedHashSet<>(TrainingRecord.BATCH_KINDS);
    records.forEach(r -> kinds.addAll(r.batchKindHistogram().keySet()));
    List<String> categories = new ArrayList<>(kinds);
    List<BarChart.Series> series = new ArrayList<>();
    for (TrainingRecord r : records) {
      Map<String, Long> h = r.batchKindHistogram();
      series.add(new BarChart.Series(r.runName(), categories.stream()
          .map(k -> h.containsKey(k) ? (double) h.get(k) : 0.0).toList()));
    }
    String caption = "Batches per batch kind";
    return new Figure(caption, BarChart.render(caption, "batches", categories, series,
        v -> Formats.count(Math.round(v))));
  }

  /** Queries and passages per language over the whole run, for one training record. */
  static Figure languages(TrainingRecord r) {
    Map<String, Long> queries = r.queryLanguageHistogram();
    Map<String, Long> passages = r.passageLanguageHistogram();
    Set<String> langs = new java.util.TreeSet<>(queries.keySet());
    langs.addAll(passages.keySet());
    List<String> categories = new ArrayList<>(langs);
    List<BarChart.Series> series = List.of(
        new BarChart.Series("queries", categories.stream()
            .map(l -> (double) queries.getOrDefault(l, 0L)).toList()),
        new BarChart.Series("passages", categories.stream()
            .map(l -> (double) passages.getOrDefault(l, 0L)).toList()));
    String caption = r.runName() + ": queries and passages seen per language";
    return new Figure(caption, BarChart.render(caption, "examples", categories, series,
        v -> Formats.count(Math.round(v))));
  }
}
