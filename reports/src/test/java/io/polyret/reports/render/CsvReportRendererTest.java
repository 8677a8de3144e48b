package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportRendererTest {

  /** A strict RFC 4180 parser, written here so the test does not trust the renderer's quoting. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() != 0) {
          throw new AssertionError("quote inside an unquoted field at " + i);
        }
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
          throw new AssertionError("bare CR at " + i);
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else if (c == '\n') {
        throw new AssertionError("bare LF at " + i + " (RFC 4180 wants CRLF)");
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted || field.length() != 0 || !row.isEmpty()) {
      throw new AssertionError("CSV does not end with CRLF after a complete record");
    }
    return rows;
  }

  @Test
  void oneRowPerStoredSettingRowWithExactNumbers() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    List<List<String>> rows = parse(CsvReportRenderer.render(runs));
    List<String> header = rows.get(0);
    assertEquals(List.of("run", "benchmark", "protocol", "setting", "query_language",
        "pool_language", "map", "ndcg@10", "recall@1", "recall@10", "recall@100",
        "rank_distance", "queries", "skipped_queries"), header);
    int expected = 0;
    for (EvaluationResult r : runs) {
      for (BenchmarkResult b : r.benchmarks()) {
        expected += b.settings().size() + (b.rankDistanceMacro() != null ? 1 : 0);
      }
    }
    assertEquals(expected + 1, rows.size());
    rows.forEach(r -> assertEquals(header.size(), r.size()));
    // Every stored value comes back exactly.
    EvaluationResult hybrid = runs.get(2);
    BenchmarkResult b = hybrid.benchmark("xquad-r").orElseThrow();
    SettingResult deZh = b.find("cross-lingual", "de", "zh").orElseThrow();
    List<String> row = rows.stream().filter(r -> r.get(0).equals("Hybrid")
        && r.get(1).equals("xquad-r") && r.get(4).equals("de") && r.get(5).equals("zh"))
        .findFirst().orElseThrow();
    assertEquals(deZh.metric("map"), Double.parseDouble(row.get(header.indexOf("map"))));
    assertEquals(deZh.metric("recall@1"), Double.parseDouble(row.get(header.indexOf("recall@1"))));
    assertEquals("", row.get(header.indexOf("recall@10")));
    assertEquals(Integer.toString(deZh.skippedQueries()), row.get(header.indexOf("skipped_queries")));
    List<String> multiDe = rows.stream().filter(r -> r.get(0).equals("Hybrid")
        && r.get(3).equals("multilingual") && r.get(4).equals("de")).findFirst().orElseThrow();
    assertEquals(b.rankDistanceByLanguage().get("de"),
        Double.parseDouble(multiDe.get(header.indexOf("rank_distance"))));
    List<String> macro = rows.stream().filter(r -> r.get(0).equals("Hybrid")
        && r.get(3).equals("multilingual") && r.get(4).equals("*")).findFirst().orElseThrow();
    assertEquals(b.rankDistanceMacro(), Double.parseDouble(macro.get(header.indexOf("rank_distance"))));
  }

  @Test
  void fieldsAreQuotedOnlyWhenNeeded() {
    assertEquals("plain", CsvReportRenderer.field("plain"));
    assertEquals("\"a,b\"", CsvReportRenderer.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvReportRenderer.field("say \"hi\""));
    assertEquals("\"two\r\nlines\"", CsvReportRenderer.field("two\r\nlines"));
    assertEquals(List.of(List.of("a,b", "say \"hi\"", "two\r\nlines")),
        parse(CsvReportRenderer.field("a,b") + "," + CsvReportRenderer.field("say \"hi\"") + ","
            + CsvReportRenderer.field("two\r\nlines") + "\r\n"));
  }

  @Test
  void numbersHaveNoExponentAndSameInputGivesSameBytes() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    String csv = CsvReportRenderer.render(runs);
    assertTrue(!csv.contains("E-") && !csv.contains("E+"), "plain numbers");
    assertEquals(csv, CsvReportRenderer.render(ReportFixtures.threeRuns()));
  }
}
