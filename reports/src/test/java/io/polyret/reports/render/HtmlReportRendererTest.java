package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {
  static final ReportOptions OPTIONS = ReportOptions.defaults()
      .withTitle("polyret test report").withGeneratedAt("2026-11-25T18:00:00Z");

  private static Xhtml render(ReportData data, ReportOptions options) {
    return Xhtml.parse(HtmlReportRenderer.render(data, options));
  }

  @Test
  void everySectionIsPresent() {
    Xhtml doc = render(ReportFixtures.data(), OPTIONS);
    for (String id : List.of("overview", "per-language", "heatmaps", "language-bias", "training",
        "provenance")) {
      assertEquals(1, doc.count("//section[@id='" + id + "']/h2"), id);
      assertEquals(1, doc.count("//nav/a[@href='#" + id + "']"), id);
    }
    assertEquals("polyret test report", doc.texts("//title").get(0));
    assertTrue(doc.texts("//header/p").get(0).contains("Generated 2026-11-25T18:00:00Z"));
    assertEquals(0, doc.count("//*[local-name()='script']"));
  }

  /** mAP macro averages computed here from the pair rows, independently of the model helpers. */
  private static double crossMacro(BenchmarkResult b) {
    double sum = 0;
    int n = 0;
    for (SettingResult s : b.settings()) {
      if (s.setting().equals("cross-lingual")) {
        sum += s.metric("map");
        n++;
      }
    }
    return sum / n;
  }

  private static String overviewCell(Xhtml doc, String benchmark, String run, int column) {
    return doc.texts("//table[contains(@class,'overview') and @data-benchmark='" + benchmark
        + "']/tbody/tr[th[starts-with(normalize-space(.), " + Xhtml.literal(run) + ")]]/td["
        + column + "]").get(0);
  }

  @Test
  void overviewShowsFormattedMacroValuesBestMarkAndDeltas() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    Xhtml doc = render(new ReportData(runs, List.of()), OPTIONS.withPaperReferences(false));
    // Columns of xquad-r: mono mAP, R@1, cross mAP, R@1, multi mAP, R@10, rank distance.
    List<String> headers = doc.texts(
        "//table[@data-benchmark='xquad-r' and contains(@class,'overview')]/thead/tr[2]/th");
    assertEquals(List.of("mAP", "R@1", "mAP", "R@1", "mAP", "R@10", "rank distance \u2193"),
        headers);
    double[] cross = runs.stream()
        .mapToDouble(r -> crossMacro(r.benchmark("xquad-r").orElseThrow())).toArray();
    int best = 0;
    for (int i = 1; i < cross.length; i++) {
      best = cross[i] > cross[best] ? i : best;
    }
    for (int i = 0; i < runs.size(); i++) {
      String cell = overviewCell(doc, "xquad-r", runs.get(i).runName(), 3);
      String value = String.format(Locale.ROOT, "%.4f", cross[i]);
      assertTrue(cell.startsWith(value), cell + " starts with " + value);
      if (i > 0) {
        String delta = String.format(Locale.ROOT, "%+.4f", cross[i] - cross[0]);
        assertTrue(cell.endsWith(delta), cell + " ends with delta " + delta);
      } else {
        assertEquals(value, cell, "the baseline has no delta");
      }
    }
    String bestRun = runs.get(best).runName();
    List<String> marked = doc.texts("//table[@data-benchmark='xquad-r' and contains(@class,"
        + "'overview')]/tbody/tr[td[3]/strong[@title='best']]/th");
    assertEquals(1, marked.size());
    assertTrue(marked.get(0).startsWith(bestRun), marked + " vs " + bestRun);
  }

  @Test
  void rankDistanceBestIsTheLowest() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    Xhtml doc = render(new ReportData(runs, List.of()), OPTIONS.withPaperReferences(false));
    String lowest = null;
    double min = Double.MAX_VALUE;
    for (EvaluationResult r : runs) {
      double rd = r.benchmark("xquad-r").orElseThrow().rankDistanceMacro();
      assertTrue(overviewCell(doc, "xquad-r", r.runName(), 7)
          .startsWith(String.format(Locale.ROOT, "%.1f", rd)));
      if (rd < min) {
        min = rd;
        lowest = r.runName();
      }
    }
    List<String> marked = doc.texts("//table[@data-benchmark='xquad-r' and contains(@class,"
        + "'overview')]/tbody/tr[td[7]/strong]/th");
    assertEquals(1, marked.size());
    assertTrue(marked.get(0).startsWith(lowest));
    // A lower rank distance than the baseline is an improvement.
    for (EvaluationResult r : runs.subList(1, runs.size())) {
      double delta = r.benchmark("xquad-r").orElseThrow().rankDistanceMacro()
          - runs.get(0).benchmark("xquad-r").orElseThrow().rankDistanceMacro();
      String cls = doc.nodes("//table[@data-benchmark='xquad-r' and contains(@class,'overview')]"
          + "/tbody/tr[th[starts-with(., " + Xhtml.literal(r.runName()) + ")]]/td[7]/span")
          .get(0).getAttributes().getNamedItem("class").getNodeValue();
      assertEquals(delta < 0 ? "delta better" : "delta worse", cls);
    }
  }

  @Test
  void chosenBaselineGetsNoDeltaAndOthersDifferFromIt() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    Xhtml doc = render(new ReportData(runs, List.of()),
        OPTIONS.withBaseline("Hybrid").withPaperReferences(false));
    assertEquals(List.of("Hybrid baseline"), doc.texts("//table[@data-benchmark='miracl']"
        + "/tbody/tr[@class='baseline']/th"));
    double hybrid = crossMacro(runs.get(2).benchmark("xquad-r").orElseThrow());
    double mono = crossMacro(runs.get(0).benchmark("xquad-r").orElseThrow());
    assertTrue(overviewCell(doc, "xquad-r", "X-X-mono", 3)
        .endsWith(String.format(Locale.ROOT, "%+.4f", mono - hybrid)));
    assertThrows(IllegalArgumentException.class, () -> HtmlReportRenderer.render(
        new ReportData(runs, List.of()), OPTIONS.withBaseline("nope")));
  }

  @Test
  void paperReferenceRowsAreLabelledAndNeverMarkedBest() {
    Xhtml doc = render(ReportFixtures.data(), OPTIONS);
    String row = "//table[@data-benchmark='xquad-r' and contains(@class,'overview')]"
        + "/tbody/tr[@class='reference' and th='paper: LaBSE Hybrid']";
    assertEquals(List.of("0.8170", "\u2013", "0.7670", "\u2013", "0.6820", "\u2013", "221.0"),
        doc.texts(row + "/td"));
    assertEquals(0, doc.count("//tr[@class='reference']//strong"));
    assertEquals(6, doc.count("//table[@data-benchmark='miracl']/tbody/tr[@class='reference']"));
    Xhtml without = render(ReportFixtures.data(), OPTIONS.withPaperReferences(false));
    assertEquals(0, without.count("//tr[@class='reference']"));
  }

  @Test
  void perLanguageTableHasEveryLanguageAndMacroRow() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    Xhtml doc = render(new ReportData(runs, List.of()), OPTIONS);
    String table = "//table[contains(@class,'per-language') and @data-benchmark='xquad-r'"
        + " and @data-run='X-Y']";
    List<String> langs = new ArrayList<>(ReportFixtures.LANGS);
    langs.add("macro average");
    assertEquals(langs, doc.texts(table + "/tbody/tr/th"));
    BenchmarkResult b = runs.get(1).benchmark("xquad-r").orElseThrow();
    double sum = 0;
    int n = 0;
    for (SettingResult s : b.settings()) {
      if (s.setting().equals("cross-lingual") && s.queryLanguage().equals("de")) {
        sum += s.metric("map");
        n++;
      }
    }
    assertEquals(4, n);
    assertEquals(String.format(Locale.ROOT, "%.4f", sum / n),
        doc.texts(table + "/tbody/tr[th='de']/td[3]").get(0));
    assertEquals(String.format(Locale.ROOT, "%.1f", b.rankDistanceByLanguage().get("de")),
        doc.texts(table + "/tbody/tr[th='de']/td[7]").get(0));
    assertEquals(2 * 3, doc.count("//table[contains(@class,'per-language')]"));
  }

  @Test
  void heatmapsHaveOneCellPerLanguagePairWithTheDiagonalSetApart() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    Xhtml doc = render(new ReportData(runs, List.of()), OPTIONS);
    List<org.w3c.dom.Node> maps = doc.nodes("//section[@id='heatmaps']//svg");
    assertEquals(3, maps.size(), "one heatmap per run of xquad-r, none for monolingual miracl");
    int n = ReportFixtures.LANGS.size();
    assertEquals(3 * n * n, doc.count("//section[@id='heatmaps']//svg//*[local-name()='rect'"
        + " and contains(concat(' ', @class, ' '), ' cell ')]"));
    assertEquals(3 * n, doc.count("//section[@id='heatmaps']//*[local-name()='rect'"
        + " and contains(@class, 'diagonal') and contains(@class, 'cell')]"));
    // The printed value of the de -> zh cell of the first run.
    double deZh = runs.get(0).benchmark("xquad-r").orElseThrow()
        .find("cross-lingual", "de", "zh").orElseThrow().metric("map");
    String cellTitle = doc.texts("(//section[@id='heatmaps']//svg)[1]//*[local-name()='rect' and"
        + " @data-row='de' and @data-column='zh']/*[local-name()='title']").get(0);
    assertEquals("de \u2192 zh: " + String.format(Locale.ROOT, "%.3f", deZh), cellTitle);
  }

  @Test
  void languageBiasChartHasABarPerRunAndLanguage() {
    Xhtml doc = render(ReportFixtures.data(), OPTIONS);
    int bars = doc.count("//section[@id='language-bias']//*[local-name()='rect'"
        + " and @class='bar']");
    assertEquals(3 * (ReportFixtures.LANGS.size() + 1), bars);
    assertEquals(List.of("X-X-mono", "X-Y", "Hybrid"), doc.texts("//section[@id='language-bias']"
        + "//*[@class='legend']/*[local-name()='text']"));
  }

  @Test
  void trainingSectionHasSummaryAndCharts() {
    Xhtml doc = render(ReportFixtures.data(), OPTIONS);
    assertEquals(List.of("X-X-mono", "Hybrid"),
        doc.texts("//table[@class='training-summary']/tbody/tr/th"));
    assertEquals("200", doc.texts("//table[@class='training-summary']/tbody/tr[1]/td[1]").get(0));
    assertEquals(2, doc.count("//section[@id='training']//svg[contains(@class,'line-chart')]"));
    // loss chart: a train and a validation line per run
    assertEquals(4, doc.count("(//section[@id='training']//svg)[1]"
        + "//*[local-name()='polyline']"));
    // batch kinds + one language chart per run
    assertEquals(3, doc.count("//section[@id='training']//svg[contains(@class,'bar-chart')]"));
    Xhtml none = render(new ReportData(ReportFixtures.threeRuns(), List.of()), OPTIONS);
    assertEquals(List.of("No training log given."),
        none.texts("//section[@id='training']/p[@class='empty']"));
  }

  @Test
  void provenanceShowsEveryField() {
    Xhtml doc = render(ReportFixtures.data(), OPTIONS);
    List<String> names = doc.texts("(//table[contains(@class,'provenance')])[1]/tbody/tr/th");
    assertEquals(List.of("model", "base checkpoint", "seed", "polyret version",
        "TensorFlow version", "git commit", "date", "CPU", "GPU", "OS", "Java runtime",
        "schema version"), names);
    assertEquals(List.of("target/model-X-X-mono", "xlm-roberta-base", "1", "0.1.0-SNAPSHOT",
        "1.1.0", "0123456789abcdef", "2026-11-25T18:00:00Z", "AMD EPYC 9R14, 2 cores", "\u2013",
        "Linux 6.1 amd64", "OpenJDK 17.0.15", "1"),
        doc.texts("(//table[contains(@class,'provenance')])[1]/tbody/tr/td"));
    assertEquals(List.of("xquad-r", "data/xquad-r", "ab".repeat(32)),
        doc.texts("(//table[@class='datasets'])[1]/tbody/tr/td"));
    assertEquals(List.of("X-X-mono", "32", "2.0E-5", "[\"ar\",\"de\",\"en\",\"es\",\"zh\"]"),
        doc.texts("(//table[contains(@class,'config')])[1]/tbody/tr/td"));
  }

  @Test
  void sameInputGivesIdenticalBytes() {
    String a = HtmlReportRenderer.render(ReportFixtures.data(), OPTIONS);
    String b = HtmlReportRenderer.render(ReportFixtures.data(), OPTIONS);
    assertEquals(a, b);
    String other = HtmlReportRenderer.render(ReportFixtures.data(),
        OPTIONS.withGeneratedAt("2026-11-26T00:00:00Z"));
    assertNotEquals(a, other, "the injected timestamp is what varies");
    assertEquals(a.replace("2026-11-25T18:00:00Z", "X"), other.replace("2026-11-26T00:00:00Z", "X")
        .replace("2026-11-25T18:00:00Z", "X"));
    assertFalse(HtmlReportRenderer.render(ReportFixtures.data(), OPTIONS.withGeneratedAt(null))
        .contains("Generated 2"));
  }
}
