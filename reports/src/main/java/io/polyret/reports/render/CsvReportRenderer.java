package io.polyret.reports.render;

import io.polyret.reports.model.AtomicFiles;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.MetricNames;
import io.polyret.reports.model.SettingResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes results as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled), one row per run x benchmark x setting x language pair as
 * stored, aggregate rows included. Columns: {@code run, benchmark, protocol, setting,
 * query_language, pool_language}, every metric of any row (canonical order), {@code rank_distance}
 * (on multilingual rows), {@code queries, skipped_queries}. Numbers are written in full precision
 * without exponent; an absent value is an empty field.
 */
public final class CsvReportRenderer {
  private CsvReportRenderer() {}

  /** The CSV text. */
  public static String render(List<EvaluationResult> runs) {
    Set<String> metricSet = new LinkedHashSet<>();
    for (EvaluationResult r : runs) {
      for (BenchmarkResult b : r.benchmarks()) {
        b.settings().forEach(s -> metricSet.addAll(s.metrics().keySet()));
      }
    }
    List<String> metrics = new ArrayList<>(metricSet);
    metrics.sort(MetricNames.ORDER);

    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of(
        "run", "benchmark", "protocol", "setting", "query_language", "pool_language"));
    header.addAll(metrics);
    header.addAll(List.of(MetricNames.RANK_DISTANCE, "queries", "skipped_queries"));
    line(out, header);
    for (EvaluationResult r : runs) {
      for (BenchmarkResult b : r.benchmarks()) {
        boolean macroRankDistanceWritten = false;
        for (SettingResult s : b.settings()) {
          List<String> row = new ArrayList<>(List.of(r.runName(), b.name(), b.protocol(),
              s.setting(), s.queryLanguage(), s.poolLanguage()));
          metrics.forEach(m -> row.add(number(s.metric(m))));
          Double rd = null;
          if (s.setting().equals(SettingResult.MULTILINGUAL)
              && s.poolLanguage().equals(SettingResult.ALL_LANGUAGES)) {
            if (s.queryLanguage().equals(SettingResult.MACRO)) {
              rd = b.rankDistanceMacro();
              macroRankDistanceWritten = true;
            } else {
              rd = b.rankDistanceByLanguage().get(s.queryLanguage());
            }
          }
          row.add(number(rd));
          row.add(Integer.toString(s.queries()));
          row.add(Integer.toString(s.skippedQueries()));
          line(out, row);
        }
        if (b.rankDistanceMacro() != null && !macroRankDistanceWritten) {
          // Keep the language-bias macro average even when no multilingual macro row is stored.
          List<String> row = new ArrayList<>(List.of(r.runName(), b.name(), b.protocol(),
              SettingResult.MULTILINGUAL, SettingResult.MACRO, SettingResult.ALL_LANGUAGES));
          metrics.forEach(m -> row.add(""));
          row.add(number(b.rankDistanceMacro()));
          row.add("");
          row.add("");
          line(out, row);
        }
      }
    }
    return out.toString();
  }

  /** Writes the CSV atomically. */
  public static void write(List<EvaluationResult> runs, Path file) {
    AtomicFiles.writeString(file, render(runs));
  }

  private static String number(Double v) {
    return v == null ? "" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append("\r\n");
  }

  /** One RFC 4180 field. */
  static String field(String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
