package io.polyret.reports.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.polyret.reports.model.AtomicFiles;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.DatasetRef;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.Machine;
import io.polyret.reports.model.Provenance;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingRecord;
import io.polyret.reports.model.ValidationPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the self-contained HTML report: one file, no scripts, no external resources (a
 * Content-Security-Policy forbids them), every text from data escaped by Pebble's autoescaping and
 * by the SVG builder. The same data and options always give the same bytes.
 */
public final class HtmlReportRenderer {
  private static final PebbleEngine ENGINE = buildEngine();
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReportRenderer() {}

  private static PebbleEngine buildEngine() {
    ClasspathLoader loader = new ClasspathLoader(HtmlReportRenderer.class.getClassLoader());
    loader.setPrefix("io/polyret/reports/templates");
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true)
        .defaultEscapingStrategy("html")
        .strictVariables(true)
        .newLineTrimming(false)
        .cacheActive(true)
        .build();
  }

  /** Renders the report to a string. */
  public static String render(ReportData data, ReportOptions options) {
    Map<String, Object> context = context(data, options);
    try {
      PebbleTemplate template = ENGINE.getTemplate("report.peb");
      StringWriter out = new StringWriter();
      template.evaluate(out, context, Locale.ROOT);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the HTML report", e);
    }
  }

  /** Renders the report and writes it atomically to {@code file}. */
  public static void write(ReportData data, ReportOptions options, Path file) {
    AtomicFiles.writeString(file, render(data, options));
  }

  /** A labelled value for key/value tables. */
  record Field(String name, String value) {}

  /** One training record's headline numbers, already formatted. */
  record TrainingSummary(String run, String steps, String epochs, String finalLoss,
      String bestValidation, String checkpoints, String elapsed, String throughput) {}

  /** One run's provenance, formatted. */
  record ProvenanceView(String run, List<Field> fields, List<DatasetRef> datasets,
      List<Field> config) {}

  /** A benchmark's per-language tables or heatmaps. */
  record BenchmarkSection<T>(String benchmark, List<T> items) {}

  static Map<String, Object> context(ReportData data, ReportOptions options) {
    List<EvaluationResult> runs = data.runs();
    String baseline = data.baseline(options);
    List<String> benchmarks = Tables.benchmarkNames(runs);

    List<Tables.Overview> overview = new ArrayList<>();
    List<BenchmarkSection<Tables.LanguageTable>> perLanguage = new ArrayList<>();
    List<BenchmarkSection<Figures.Figure>> heatmaps = new ArrayList<>();
    List<Figures.Figure> bias = new ArrayList<>();
    for (String name : benchmarks) {
      overview.add(Tables.overview(runs, name, baseline, options.includePaperReferences()));
      Map<String, BenchmarkResult> byRun = Tables.byRun(runs, name);
      List<Tables.LanguageTable> tables = new ArrayList<>();
      List<Figures.Figure> maps = new ArrayList<>();
      double[] scale = Figures.heatmapScale(byRun.values());
      byRun.forEach((run, b) -> {
        tables.add(Tables.languageTable(run, b));
        Figures.heatmap(run, b, scale).ifPresent(maps::add);
      });
      perLanguage.add(new BenchmarkSection<>(name, tables));
      if (!maps.isEmpty()) {
        heatmaps.add(new BenchmarkSection<>(name, maps));
      }
      Figures.languageBias(name, byRun).ifPresent(bias::add);
    }

    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("title", options.title());
    ctx.put("generatedAt", options.generatedAt());
    ctx.put("runs", runs.stream().map(EvaluationResult::runName).toList());
    ctx.put("baseline", baseline);
    ctx.put("paperReferences", options.includePaperReferences());
    ctx.put("overview", overview);
    ctx.put("perLanguage", perLanguage);
    ctx.put("heatmaps", heatmaps);
    ctx.put("bias", bias);
    List<TrainingRecord> training = data.training();
    ctx.put("hasTraining", !training.isEmpty());
    if (!training.isEmpty()) {
      ctx.put("trainingSummaries", training.stream().map(HtmlReportRenderer::summary).toList());
      List<Figures.Figure> charts = new ArrayList<>();
      charts.add(Figures.loss(training));
      charts.add(Figures.learningRate(training));
      charts.add(Figures.batchKinds(training));
      training.forEach(t -> charts.add(Figures.languages(t)));
      ctx.put("trainingCharts", charts);
    } else {
      ctx.put("trainingSummaries", List.of());
      ctx.put("trainingCharts", List.of());
    }
    ctx.put("provenance", runs.stream().map(HtmlReportRenderer::provenance).toList());
    return ctx;
  }

  private static TrainingSummary summary(TrainingRecord r) {
    List<TrainStep> steps = r.steps();
    TrainStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    ValidationPoint best = r.bestValidation().orElse(null);
    double throughput = steps.stream().filter(s -> s.examplesPerS() != null)
        .mapToDouble(TrainStep::examplesPerS).average().orElse(Double.NaN);
    return new TrainingSummary(r.runName(),
        Formats.count(steps.size()),
        last == null ? "\u2013" : Formats.count(last.epoch() + 1L),
        last == null ? "\u2013" : Formats.general(last.loss()),
        best == null ? "\u2013"
            : Formats.general(best.valLoss()) + " at step " + Formats.count(best.step()),
        Formats.count(r.checkpoints().size()),
        last == null || last.elapsedS() == null ? "\u2013"
            : String.format(Locale.ROOT, "%.1f s", last.elapsedS()),
        Double.isNaN(throughput) ? "\u2013" : String.format(Locale.ROOT, "%.1f", throughput));
  }

  private static ProvenanceView provenance(EvaluationResult r) {
    Provenance p = r.provenance();
    Machine m = p.machine();
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("model", text(p.model())));
    fields.add(new Field("base checkpoint", text(p.baseCheckpoint())));
    fields.add(new Field("seed", p.seed() == null ? "\u2013" : Long.toString(p.seed())));
    fields.add(new Field("polyret version", text(p.polyretVersion())));
    fields.add(new Field("TensorFlow version", text(p.tensorflowVersion())));
    fields.add(new Field("git commit", text(p.gitCommit())));
    fields.add(new Field("date", text(p.date())));
    fields.add(new Field("CPU", m == null ? "\u2013" : text(m.cpu())));
    fields.add(new Field("GPU", m == null ? "\u2013" : text(m.gpu())));
    fields.add(new Field("OS", m == null ? "\u2013" : text(m.os())));
    fields.add(new Field("Java runtime", m == null ? "\u2013" : text(m.runtime())));
    fields.add(new Field("schema version", Integer.toString(r.schemaVersion())));
    List<Field> config = new ArrayList<>();
    r.config().forEach((k, v) -> config.add(new Field(k, json(v))));
    return new ProvenanceView(r.runName(), fields, p.datasets(), config);
  }

  private static String text(String s) {
    return s == null ? "\u2013" : s;
  }

  private static String json(Object v) {
    if (v instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return Objects.toString(v);
    }
  }
}
