package io.polyret.core.eval;

import io.polyret.core.eval.lareqa.LareqaBenchmark;
import io.polyret.core.eval.lareqa.LareqaResult;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.trec.TrecResult;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.SettingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns polyret-core evaluation results into the reports model ({@link BenchmarkResult}). */
public final class BenchmarkResults {
  private BenchmarkResults() {}

  /**
   * LAReQA rows: every (query, pool) pair of the monolingual and cross-lingual settings, the
   * multilingual row of each query language ({@code (x, all)}), and the aggregates
   * {@code ("*", "*")} (monolingual, cross-lingual), {@code (x, "*")} (cross-lingual by query
   * language) and {@code ("*", "all")} (multilingual); rank distance per query language.
   */
  public static BenchmarkResult lareqa(LareqaResult r, LareqaBenchmark b) {
    List<SettingResult> rows = new ArrayList<>();
    List<String> langs = r.languages();
    for (String x : langs) {
      rows.add(row(SettingResult.MONOLINGUAL, x, x, r.pairMetrics(),
          m -> r.pair(x, x, m), r.pairQueries(x, x), r.pairSkipped(x, x)));
    }
    rows.add(row(SettingResult.MONOLINGUAL, SettingResult.MACRO, SettingResult.MACRO,
        r.pairMetrics(), r::monolingualMacro, sumDiagonal(r, true), sumDiagonal(r, false)));
    int crossQueries = 0;
    int crossSkipped = 0;
    for (String x : langs) {
      int byXQueries = 0;
      int byXSkipped = 0;
      for (String y : langs) {
        if (!x.equals(y)) {
          rows.add(row(SettingResult.CROSS_LINGUAL, x, y, r.pairMetrics(), m -> r.pair(x, y, m),
              r.pairQueries(x, y), r.pairSkipped(x, y)));
          byXQueries += r.pairQueries(x, y);
          byXSkipped += r.pairSkipped(x, y);
        }
      }
      rows.add(row(SettingResult.CROSS_LINGUAL, x, SettingResult.MACRO, r.pairMetrics(),
          m -> r.crossLingualByQueryLanguage(x, m), byXQueries, byXSkipped));
      crossQueries += byXQueries;
      crossSkipped += byXSkipped;
    }
    rows.add(row(SettingResult.CROSS_LINGUAL, SettingResult.MACRO, SettingResult.MACRO,
        r.pairMetrics(), r::crossLingualMacro, crossQueries, crossSkipped));
    int multiQueries = 0;
    for (String x : langs) {
      rows.add(row(SettingResult.MULTILINGUAL, x, SettingResult.ALL_LANGUAGES,
          r.multilingualMetrics(), m -> r.multilingual(x, m), r.multilingualQueries(x), 0));
      multiQueries += r.multilingualQueries(x);
    }
    rows.add(row(SettingResult.MULTILINGUAL, SettingResult.MACRO, SettingResult.ALL_LANGUAGES,
        r.multilingualMetrics(), r::multilingualMacro, multiQueries, 0));
    Map<String, Double> rd = new LinkedHashMap<>();
    for (String x : langs) {
      if (r.rankDistanceQueries(x) > 0) {
        rd.put(x, r.rankDistance(x));
      }
    }
    Map<String, Integer> queries = new LinkedHashMap<>();
    Map<String, Integer> candidates = new LinkedHashMap<>();
    for (LareqaBenchmark.Language l : b.languages()) {
      queries.put(l.code(), l.questions().size());
      candidates.put(l.code(), l.candidates().size());
    }
    double rdMacro = r.rankDistanceMacro();
    return new BenchmarkResult(r.benchmark(), BenchmarkResult.PROTOCOL_LAREQA, langs, rows, rd,
        Double.isNaN(rdMacro) ? null : rdMacro, queries, candidates);
  }

  /**
   * MIRACL or generic TREC rows: one monolingual row per language and the macro row
   * {@code ("*", "*")}.
   *
   * @param byLanguage per language (display order), its result
   */
  public static BenchmarkResult trec(String name, String protocol,
      Map<String, TrecResult> byLanguage) {
    List<SettingResult> rows = new ArrayList<>();
    Map<String, Integer> queries = new LinkedHashMap<>();
    Map<String, Integer> candidates = new LinkedHashMap<>();
    List<Metric> metrics = null;
    int total = 0;
    for (Map.Entry<String, TrecResult> e : byLanguage.entrySet()) {
      TrecResult t = e.getValue();
      metrics = t.metrics();
      rows.add(row(SettingResult.MONOLINGUAL, e.getKey(), e.getKey(), t.metrics(), t::mean,
          t.queries(), 0));
      queries.put(e.getKey(), t.queries());
      candidates.put(e.getKey(), t.documents());
      total += t.queries();
    }
    if (metrics != null) {
      Map<String, Double> macro = new LinkedHashMap<>();
      for (Metric m : metrics) {
        double sum = 0;
        for (TrecResult t : byLanguage.values()) {
          sum += t.mean(m);
        }
        macro.put(m.name(), sum / byLanguage.size());
      }
      rows.add(new SettingResult(SettingResult.MONOLINGUAL, SettingResult.MACRO,
          SettingResult.MACRO, macro, total, 0));
    }
    return new BenchmarkResult(name, protocol, List.copyOf(byLanguage.keySet()), rows, Map.of(),
        null, queries, candidates);
  }

  private interface MetricValue {
    double get(Metric m);
  }

  private static SettingResult row(String setting, String q, String pool, List<Metric> metrics,
      MetricValue value, int queries, int skipped) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (queries > 0) {
      for (Metric m : metrics) {
        double v = value.get(m);
        if (!Double.isNaN(v)) {
          values.put(m.name(), v);
        }
      }
    }
    return new SettingResult(setting, q, pool, values, queries, skipped);
  }

  private static int sumDiagonal(LareqaResult r, boolean evaluated) {
    int n = 0;
    for (String x : r.languages()) {
      n += evaluated ? r.pairQueries(x, x) : r.pairSkipped(x, x);
    }
    return n;
  }
}
