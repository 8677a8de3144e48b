package io.polyret.reports.render;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.MetricNames;
import io.polyret.reports.model.PaperReferences;
import io.polyret.reports.model.ReferenceValue;
import io.polyret.reports.model.SettingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The tables every format shows, computed once: the overview (runs side by side, best marked,
 * deltas to a baseline, paper rows) and the per-language table.
 */
final class Tables {
  private Tables() {}

  /** Settings shown first, in this order; others follow in first-seen order. */
  private static final List<String> SETTING_ORDER = List.of(
      SettingResult.MONOLINGUAL, SettingResult.CROSS_LINGUAL, SettingResult.MULTILINGUAL);

  /** A column: a metric of a setting (rank distance is a column of the multilingual setting). */
  record Column(String setting, String metric) {
    public String label() {
      return MetricNames.label(metric);
    }

    public boolean lowerIsBetter() {
      return MetricNames.lowerIsBetter(metric);
    }
  }

  /** A header cell spanning the columns of one setting. */
  record Group(String label, int span) {}

  /**
   * One table cell.
   *
   * @param value the number, null when absent
   * @param text formatted value, or an en dash when absent
   * @param best best measured value of its column
   * @param delta formatted difference to the baseline run, null when not applicable
   * @param deltaClass {@code better}, {@code worse} or {@code same}
   */
  record Cell(Double value, String text, boolean best, String delta, String deltaClass) {
    public String cssClass() {
      return (best ? "num best" : "num") + (value == null ? " absent" : "");
    }
  }

  /** One row: a run, or a paper reference. */
  record Row(String label, String kind, List<Cell> cells) {
    public boolean reference() {
      return kind.equals("reference");
    }
  }

  /** The overview of one benchmark. */
  record Overview(String benchmark, String protocol, List<Column> columns, List<Group> groups,
      List<Row> rows) {}

  /** One run's per-language table of one benchmark. */
  record LanguageTable(String benchmark, String run, List<Column> columns, List<Group> groups,
      List<Row> rows) {}

  /** Benchmark names over all runs, in first-seen order. */
  static List<String> benchmarkNames(List<EvaluationResult> runs) {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> r.benchmarks().forEach(b -> names.add(b.name())));
    return List.copyOf(names);
  }

  /** The benchmark's entries per run (runs without it are left out), keyed by run name. */
  static Map<String, BenchmarkResult> byRun(List<EvaluationResult> runs, String benchmark) {
    Map<String, BenchmarkResult> map = new LinkedHashMap<>();
    runs.forEach(r -> r.benchmark(benchmark).ifPresent(b -> map.put(r.runName(), b)));
    return map;
  }

  static List<Column> columns(Iterable<BenchmarkResult> results) {
    Set<String> settings = new LinkedHashSet<>();
    boolean rankDistance = false;
    for (BenchmarkResult b : results) {
      settings.addAll(b.settingNames());
      rankDistance |= b.rankDistanceMacro() != null || !b.rankDistanceByLanguage().isEmpty();
    }
    List<String> ordered = new ArrayList<>();
    SETTING_ORDER.stream().filter(settings::contains).forEach(ordered::add);
    settings.stream().filter(s -> !SETTING_ORDER.contains(s)).forEach(ordered::add);
    if (rankDistance && !ordered.contains(SettingResult.MULTILINGUAL)) {
      ordered.add(SettingResult.MULTILINGUAL);
    }
    List<Column> columns = new ArrayList<>();
    for (String setting : ordered) {
      Set<String> metrics = new LinkedHashSet<>();
      for (BenchmarkResult b : results) {
        metrics.addAll(b.metricNames(setting));
      }
      List<String> sorted = new ArrayList<>(metrics);
      sorted.sort(MetricNames.ORDER);
      sorted.forEach(m -> columns.add(new Column(setting, m)));
      if (rankDistance && setting.equals(SettingResult.MULTILINGUAL)) {
        columns.add(new Column(setting, MetricNames.RANK_DISTANCE));
      }
    }
    return columns;
  }

  static List<Group> groups(List<Column> columns) {
    List<Group> groups = new ArrayList<>();
    for (Column c : columns) {
      if (!groups.isEmpty() && groups.get(groups.size() - 1).label().equals(c.setting())) {
        Group last = groups.remove(groups.size() - 1);
        groups.add(new Group(last.label(), last.span() + 1));
      } else {
        groups.add(new Group(c.setting(), 1));
      }
    }
    return groups;
  }

  /** The benchmark-level (macro-averaged) value of a column. */
  static OptionalDouble value(BenchmarkResult b, Column c) {
    if (c.metric().equals(MetricNames.RANK_DISTANCE)) {
      if (b.rankDistanceMacro() != null) {
        return OptionalDouble.of(b.rankDistanceMacro());
      }
      return b.rankDistanceByLanguage().values().stream().mapToDouble(Double::doubleValue)
          .average();
    }
    return b.macro(c.setting(), c.metric());
  }

  /** The value of a column for one query language. */
  static OptionalDouble value(BenchmarkResult b, Column c, String language) {
    if (c.metric().equals(MetricNames.RANK_DISTANCE)) {
      Double v = b.rankDistanceByLanguage().get(language);
      return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
    return b.byQueryLanguage(c.setting(), c.metric(), language);
  }

  /** Query languages of a benchmark: its declared languages, else those in its rows. */
  static List<String> languages(BenchmarkResult b) {
    if (!b.languages().isEmpty()) {
      return b.languages();
    }
    Set<String> langs = new LinkedHashSet<>();
    b.settings().stream().filter(s -> !s.isAggregate()).forEach(s -> langs.add(s.queryLanguage()));
    return List.copyOf(langs);
  }

  /** The overview of one benchmark over all runs that have it. */
  static Overview overview(List<EvaluationResult> runs, String benchmark, String baselineRun,
      boolean paperReferences) {
    Map<String, BenchmarkResult> results = byRun(runs, benchmark);
    List<Column> columns = columns(results.values());
    BenchmarkResult baseline = results.get(baselineRun);
    List<List<Double>> values = new ArrayList<>();
    for (BenchmarkResult b : results.values()) {
      List<Double> row = new ArrayList<>();
      for (Column c : columns) {
        OptionalDouble v = value(b, c);
        row.add(v.isPresent() ? v.getAsDouble() : null);
      }
      values.add(row);
    }
    List<Double> best = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      Double bestValue = null;
      int present = 0;
      for (List<Double> row : values) {
        Double v = row.get(j);
        if (v == null) {
          continue;
        }
        present++;
        if (bestValue == null || (columns.get(j).lowerIsBetter() ? v < bestValue : v > bestValue)) {
          bestValue = v;
        }
      }
      // "Best" says nothing with a single contender.
      best.add(present >= 2 ? bestValue : null);
    }
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, BenchmarkResult> e : results.entrySet()) {
      List<Double> row = values.get(i++);
      boolean isBaseline = e.getValue() == baseline;
      List<Cell> cells = new ArrayList<>();
      for (int j = 0; j < columns.size(); j++) {
        Column c = columns.get(j);
        Double v = row.get(j);
        String delta = null;
        String deltaClass = null;
        if (v != null && baseline != null && !isBaseline) {
          OptionalDouble base = value(baseline, c);
          if (base.isPresent()) {
            double d = v - base.getAsDouble();
            delta = Formats.delta(c.metric(), d);
            deltaClass = delta.startsWith("+") || delta.startsWith("-")
                ? ((d > 0) != c.lowerIsBetter() ? "better" : "worse") : "same";
          }
        }
        cells.add(new Cell(v, v == null ? "\u2013" : Formats.value(c.metric(), v),
            v != null && v.equals(best.get(j)), delta, deltaClass));
      }
      rows.add(new Row(e.getKey(), isBaseline ? "baseline" : "run", cells));
    }
    if (paperReferences) {
      rows.addAll(referenceRows(benchmark, columns));
    }
    return new Overview(benchmark, protocolOf(results), columns, groups(columns), rows);
  }

  private static String protocolOf(Map<String, BenchmarkResult> results) {
    return results.values().stream().map(BenchmarkResult::protocol).findFirst().orElse("");
  }

  private static List<Row> referenceRows(String benchmark, List<Column> columns) {
    Map<String, List<ReferenceValue>> byLabel = new LinkedHashMap<>();
    for (ReferenceValue v : PaperReferences.forBenchmark(benchmark)) {
      byLabel.computeIfAbsent(v.label(), k -> new ArrayList<>()).add(v);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<ReferenceValue>> e : byLabel.entrySet()) {
      List<Cell> cells = new ArrayList<>();
      boolean any = false;
      for (Column c : columns) {
        Optional<ReferenceValue> ref = e.getValue().stream()
            .filter(v -> v.setting().equals(c.setting()) && v.metric().equals(c.metric()))
            .findFirst();
        any |= ref.isPresent();
        cells.add(ref.map(v -> new Cell(v.value(), Formats.value(c.metric(), v.value()), false,
            null, null)).orElse(new Cell(null, "\u2013", false, null, null)));
      }
      if (any) {
        rows.add(new Row(e.getKey(), "reference", cells));
      }
    }
    return rows;
  }

  /** One run's per-language table of a benchmark, with a final macro-average row. */
  static LanguageTable languageTable(String run, BenchmarkResult b) {
    List<Column> columns = columns(List.of(b));
    List<Row> rows = new ArrayList<>();
    for (String lang : languages(b)) {
      List<Cell> cells = new ArrayList<>();
      for (Column c : columns) {
        OptionalDouble v = value(b, c, lang);
        cells.add(v.isPresent()
            ? new Cell(v.getAsDouble(), Formats.value(c.metric(), v.getAsDouble()), false, null,
                null)
            : new Cell(null, "\u2013", false, null, null));
      }
      rows.add(new Row(lang, "language", cells));
    }
    List<Cell> macro = new ArrayList<>();
    for (Column c : columns) {
      OptionalDouble v = value(b, c);
      macro.add(v.isPresent()
          ? new Cell(v.getAsDouble(), Formats.value(c.metric(), v.getAsDouble()), false, null, null)
          : new Cell(null, "\u2013", false, null, null));
    }
    rows.add(new Row("macro average", "macro", macro));
    return new LanguageTable(b.name(), run, columns, groups(columns), rows);
  }
}
