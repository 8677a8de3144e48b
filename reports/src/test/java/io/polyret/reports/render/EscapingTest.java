package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.DatasetRef;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SampleResults;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text from data, configs and file names must render inert in every format. */
class EscapingTest {
  static final String LANG = "<script>alert(\"lang\")</script>";
  static final String DATASET = "\"&<script>alert('ds')</script>";
  static final String CONFIG_VALUE = "</code><script>alert(1)</script>&amp;";
  static final String CONFIG_KEY = "<img src=x onerror=alert(1)>";
  static final String RUN = "R&D \"v2\" <b>bold</b>";
  static final String TRAIN_RUN = "t<script>x</script>";

  static ReportData evilData() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(CONFIG_KEY, CONFIG_VALUE);
    config.put("nested", Map.of("k", CONFIG_VALUE));
    List<String> langs = List.of("en", LANG);
    EvaluationResult evil = SampleResults.run(RUN, langs, 5, 0.0, config,
        List.of(new DatasetRef(DATASET, "data/" + DATASET, null)));
    EvaluationResult plain = SampleResults.run("plain", langs, 6, 0.02, Map.of(), List.of());
    TrainingRecord training = new TrainingRecord(TRAIN_RUN, List.of(
        new TrainStep(1, 0, 2.0, 1e-5, null, null, null, "CROSS_LINGUAL", DATASET,
            Map.of(LANG, 2), Map.of("en", 2)),
        new TrainStep(2, 0, 1.5, 1e-5, null, null, null, "MONOLINGUAL", DATASET,
            Map.of(LANG, 2), Map.of(LANG, 2))), List.of(), List.of());
    return new ReportData(List.of(evil, plain), List.of(training));
  }

  @Test
  void htmlAndSvgRenderDataAsText() {
    String html = HtmlReportRenderer.render(evilData(),
        ReportOptions.defaults().withTitle("<script>title</script>").withGeneratedAt("x"));
    String lower = html.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<script"), "no raw <script> anywhere (the template has none)");
    assertFalse(lower.contains("<img"), "no raw <img>");
    assertFalse(html.contains("<b>"), "no raw <b>");
    assertTrue(html.contains("&lt;script&gt;"), "escaped form is shown");
    // Well-formed, and the DOM holds the original strings as text and attribute values.
    Xhtml doc = Xhtml.parse(html);
    assertEquals("<script>title</script>", doc.texts("//title").get(0));
    assertTrue(doc.texts("//table[contains(@class,'per-language')]/tbody/tr/th").contains(LANG));
    assertTrue(doc.texts("//section[@id='heatmaps']//*[local-name()='text']").contains(LANG),
        "SVG text holds the language as text");
    assertEquals(2, doc.count("//section[@id='heatmaps']//*[local-name()='rect' and @data-row="
        + Xhtml.literal(LANG) + " and @data-column='en']"), "SVG attribute holds it verbatim");
    assertTrue(doc.texts("//table[@class='datasets']/tbody/tr/td").contains(DATASET));
    assertTrue(doc.texts("//table[contains(@class,'config')]/tbody/tr/th").contains(CONFIG_KEY));
    assertTrue(doc.texts("//table[contains(@class,'config')]/tbody/tr/td").contains(CONFIG_VALUE));
    assertTrue(doc.texts("//table[contains(@class,'overview')]/tbody/tr/th").stream()
        .anyMatch(t -> t.startsWith(RUN)));
    assertTrue(doc.texts("//table[@class='training-summary']/tbody/tr/th").contains(TRAIN_RUN));
    assertEquals(0, doc.count("//*[local-name()='script' or local-name()='img'"
        + " or local-name()='b']"));
  }

  @Test
  void markdownEscapesMarkupAndTableSyntax() {
    ReportData data = evilData();
    String md = MarkdownSummaryRenderer.render(data,
        ReportOptions.defaults().withTitle("a|b").withPaperReferences(false));
    String lower = md.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<script"), md);
    assertFalse(md.contains("<b>"), md);
    assertTrue(md.contains("R&amp;D &quot;v2&quot; &lt;b&gt;bold&lt;/b&gt;"), md);
    assertTrue(md.startsWith("## a\\|b\n"), md);
    // Every table row has the same number of unescaped pipes as its header.
    for (String block : md.split("\n\n")) {
      List<String> rows = block.lines().filter(l -> l.startsWith("|")).toList();
      if (rows.isEmpty()) {
        continue;
      }
      long cells = pipes(rows.get(0));
      rows.forEach(r -> assertEquals(cells, pipes(r), r));
    }
  }

  private static long pipes(String row) {
    return row.replace("\\|", "").chars().filter(c -> c == '|').count();
  }

  @Test
  void csvQuotesAndKeepsTheExactText() {
    ReportData data = evilData();
    String csv = CsvReportRenderer.render(data.runs());
    List<List<String>> rows = CsvReportRendererTest.parse(csv);
    assertTrue(rows.stream().anyMatch(r -> r.get(0).equals(RUN) && r.get(4).equals(LANG)));
    assertTrue(csv.contains("\"R&D \"\"v2\"\" <b>bold</b>\""), "quotes doubled inside quotes");
  }
}
