package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingLogWriter;
import io.polyret.reports.model.TrainingRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @TempDir Path dir;

  /** Result files and training logs on disk, as core writes them. */
  private List<List<Path>> writeInputs() {
    List<Path> results = new ArrayList<>();
    for (EvaluationResult r : ReportFixtures.threeRuns()) {
      Path f = dir.resolve("results").resolve(r.runName() + ".json");
      EvaluationResultJson.write(r, f);
      results.add(f);
    }
    List<Path> logs = new ArrayList<>();
    for (TrainingRecord t : List.of(ReportFixtures.training("mono", 1, 60),
        ReportFixtures.training("hybrid", 3, 60))) {
      Path f = dir.resolve("runs").resolve(t.runName()).resolve("training-log.jsonl");
      try (TrainingLogWriter w = TrainingLogWriter.create(f)) {
        t.steps().forEach(w::train);
        t.validations().forEach(w::validation);
        t.checkpoints().forEach(w::checkpoint);
      }
      logs.add(f);
    }
    return List.of(results, logs);
  }

  @Test
  void loadsFilesAndWritesEveryFormatIdenticallyTwice() throws Exception {
    List<List<Path>> inputs = writeInputs();
    ReportData data = Reports.load(inputs.get(0), inputs.get(1));
    assertEquals(List.of("X-X-mono", "X-Y", "Hybrid"),
        data.runs().stream().map(EvaluationResult::runName).toList());
    assertEquals(List.of("mono", "hybrid"),
        data.training().stream().map(TrainingRecord::runName).toList());
    assertEquals(60, data.training().get(0).steps().size());

    ReportOptions options = ReportOptions.defaults().withGeneratedAt("2026-11-25T18:00:00Z");
    Path first = Reports.writeAll(data, options, dir.resolve("out1"));
    Reports.writeAll(Reports.load(inputs.get(0), inputs.get(1)), options, dir.resolve("out2"));
    assertEquals(dir.resolve("out1").resolve("report.html"), first);
    for (String name : List.of(Reports.HTML, Reports.CSV, Reports.MARKDOWN)) {
      byte[] a = Files.readAllBytes(dir.resolve("out1").resolve(name));
      byte[] b = Files.readAllBytes(dir.resolve("out2").resolve(name));
      assertTrue(a.length > 100, name);
      assertArrayEquals(a, b, name + " is byte-identical");
    }
    try (Stream<Path> files = Files.list(dir.resolve("out1"))) {
      assertEquals(3, files.count(), "no temporary files left");
    }
  }

  @Test
  void duplicateRunNamesAreRejected() {
    EvaluationResult a = ReportFixtures.run("same", 1, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReportData(List.of(a, a), List.of()));
    assertTrue(e.getMessage().contains("'same'"), e.getMessage());
  }

  @Test
  void badTrainingLogNamesFileAndLine() throws Exception {
    Path log = dir.resolve("broken/training-log.jsonl");
    Files.createDirectories(log.getParent());
    TrainStep ok = new TrainStep(1, 0, 1, 1e-5, null, null, null, "PLAIN", null, null, null);
    try (TrainingLogWriter w = TrainingLogWriter.create(log)) {
      w.train(ok);
    }
    Files.writeString(log, "{\"type\":\"train\"}\n", java.nio.file.StandardOpenOption.APPEND);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reports.load(List.of(), List.of(log)));
    assertTrue(e.getMessage().startsWith(log + ":2: missing field"), e.getMessage());
  }

  @Test
  void jsonFormatHoldsAllRunsAndLoadsBack() throws Exception {
    List<List<Path>> inputs = writeInputs();
    ReportData data = Reports.load(inputs.get(0), List.of());
    java.util.Map<ReportFormat, Path> written = Reports.write(data, ReportOptions.defaults(),
        dir.resolve("out"), List.of(ReportFormat.JSON, ReportFormat.parse("MD")));
    assertEquals(List.of(ReportFormat.JSON, ReportFormat.MARKDOWN),
        List.copyOf(written.keySet()));
    ReportData back = Reports.load(List.of(written.get(ReportFormat.JSON)), List.of());
    assertEquals(data.runs(), back.runs());
    assertTrue(Files.exists(dir.resolve("out").resolve("summary.md")));
    assertTrue(!Files.exists(dir.resolve("out").resolve("report.html")));
  }

  @Test
  void formatNamesParseAndUnknownOnesAreQuoted() {
    assertEquals(ReportFormat.HTML, ReportFormat.parse(" Html "));
    assertEquals(ReportFormat.MARKDOWN, ReportFormat.parse("markdown"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportFormat.parse("pdf"));
    assertEquals("unknown report format 'pdf'; expected one of html, json, csv, md",
        e.getMessage());
  }

  @Test
  void rendersWithTrainingOnlyAndWithASingleGenericRun() {
    ReportData trainingOnly = new ReportData(List.of(),
        List.of(ReportFixtures.training("solo", 2, 30)));
    Xhtml doc = Xhtml.parse(HtmlReportRenderer.render(trainingOnly, ReportOptions.defaults()));
    assertEquals(List.of("No evaluation results."),
        doc.texts("//section[@id='overview']/p[@class='empty']"));
    assertEquals(2, doc.count("//section[@id='training']//svg[contains(@class,'line-chart')]"));

    // A generic TREC run: one monolingual row, no languages declared, no rank distance.
    io.polyret.reports.model.BenchmarkResult trec = new io.polyret.reports.model.BenchmarkResult(
        "my-collection", "trec", List.of(), List.of(new io.polyret.reports.model.SettingResult(
            "monolingual", "und", "und", java.util.Map.of("ndcg@10", 0.5, "recall@100", 0.75),
            40, 0)), null, null, null, null);
    EvaluationResult one = EvaluationResult.of("only", List.of(trec), null, null);
    String html = HtmlReportRenderer.render(new ReportData(List.of(one), List.of()),
        ReportOptions.defaults());
    Xhtml single = Xhtml.parse(html);
    assertEquals(List.of("0.5000", "0.7500"), single.texts(
        "//table[contains(@class,'overview')]/tbody/tr/td"));
    assertEquals(0, single.count("//strong"), "no best mark with a single run");
    assertEquals(0, single.count("//section[@id='heatmaps']//svg"));
    assertEquals(List.of("No rank distances measured."),
        single.texts("//section[@id='language-bias']/p[@class='empty']"));
    assertEquals(List.of("und", "macro average"), single.texts(
        "//table[contains(@class,'per-language')]/tbody/tr/th"));
  }

  @Test
  void benchmarkMissingFromSomeRunsShowsOnlyTheRunsThatHaveIt() {
    EvaluationResult full = ReportFixtures.run("full", 1, 0);
    EvaluationResult full2 = ReportFixtures.run("full2", 2, 0.01);
    EvaluationResult miraclOnly = EvaluationResult.of("miracl-only",
        List.of(ReportFixtures.run("x", 3, 0.02).benchmark("miracl").orElseThrow()), null, null);
    Xhtml doc = Xhtml.parse(HtmlReportRenderer.render(
        new ReportData(List.of(miraclOnly, full, full2), List.of()),
        ReportOptions.defaults().withPaperReferences(false)));
    assertEquals(List.of("full", "full2"), doc.texts(
        "//table[contains(@class,'overview') and @data-benchmark='xquad-r']/tbody/tr/th"));
    // The baseline (first run) has no xquad-r: no deltas there, and no difference heatmaps.
    assertEquals(0, doc.count("//table[@data-benchmark='xquad-r']//span[contains(@class,'delta')]"));
    assertEquals(0, doc.count("//svg[contains(@class,'difference')]"));
    assertEquals(2 * 2, doc.count("//table[@data-benchmark='miracl']//span[contains(@class,"
        + "'delta')]"), "two runs x two metrics against the baseline");
  }
}
