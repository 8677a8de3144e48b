package io.polyret.reports.render;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.CheckpointEntry;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SampleResults;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingLogWriter;
import io.polyret.reports.model.ValidationPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times loading and rendering a paper-sized report: three runs over an XQuAD-R-sized benchmark (11
 * languages, 121 language pairs) and a MIRACL-like one, plus a training log per run of
 * {@code --steps} steps. Prints load and render times (median of {@code --runs}) and file sizes;
 * leaves the inputs and every report format in {@code --out} (default {@code
 * target/report-benchmark} under the working directory).
 *
 * <pre>
 * mvn -q -o -pl reports test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.polyret.reports.render.ReportBenchmark -Dexec.args="--steps 100000"
 * </pre>
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  static final List<String> XQUAD = List.of(
      "ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh");

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    int steps = 100_000;
    int runs = 5;
    Path dir = Path.of("target", "report-benchmark");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; expected --steps N, --runs N, --out DIR");
      }
    }
    Files.createDirectories(dir);
    List<Path> results = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    String[] names = {"X-X-mono", "X-Y", "Hybrid"};
    for (int r = 0; r < names.length; r++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("sampling", names[r]);
      EvaluationResult result = SampleResults.run(names[r], XQUAD, r + 1, 0.02 * r, config,
          List.of());
      Path file = dir.resolve(names[r] + ".json");
      EvaluationResultJson.write(result, file);
      results.add(file);
      Path log = dir.resolve(names[r]).resolve("training-log.jsonl");
      writeLog(log, steps, r + 1);
      logs.add(log);
    }
    long[] load = new long[runs];
    long[] render = new long[runs];
    ReportData data = null;
    String html = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      data = Reports.load(results, logs);
      long t1 = System.nanoTime();
      html = HtmlReportRenderer.render(data, ReportOptions.defaults().withGeneratedAt("fixed"));
      long t2 = System.nanoTime();
      load[i] = t1 - t0;
      render[i] = t2 - t1;
    }
    Reports.write(data, ReportOptions.defaults().withGeneratedAt("fixed"), dir,
        List.of(ReportFormat.values()));
    int pairs = 0;
    for (BenchmarkResult b : data.runs().get(0).benchmarks()) {
      pairs += b.settings().size();
    }
    System.out.printf(Locale.ROOT, "runs=%d, setting rows per run=%d, train steps per log=%d%n",
        names.length, pairs, steps);
    System.out.printf(Locale.ROOT, "training logs: %.1f MB each%n",
        Files.size(logs.get(0)) / 1e6);
    System.out.printf(Locale.ROOT, "load (3 results + 3 logs): median %.0f ms%n",
        median(load) / 1e6);
    System.out.printf(Locale.ROOT, "render HTML: median %.0f ms, %.0f kB%n",
        median(render) / 1e6, html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e3);
    for (ReportFormat f : ReportFormat.values()) {
      System.out.printf(Locale.ROOT, "%s: %.0f kB%n", f.fileName(),
          Files.size(dir.resolve(f.fileName())) / 1e3);
    }
  }

  private static void writeLog(Path log, int steps, long seed) {
    Random random = new Random(seed);
    String[] kinds = {"MONOLINGUAL", "CROSS_LINGUAL"};
    try (TrainingLogWriter w = TrainingLogWriter.create(log)) {
      for (int s = 1; s <= steps; s++) {
        String q = XQUAD.get(random.nextInt(XQUAD.size()));
        String p = XQUAD.get(random.nextInt(XQUAD.size()));
        w.train(new TrainStep(s, s / 10_000, 2.0 * Math.exp(-s / (steps / 3.0)) + random.nextDouble()
            * 0.2, 2e-5, 1.0, 100.0, s * 0.3, kinds[random.nextInt(2)], "mmarco",
            Map.of(q, 32), Map.of(p, 32)));
        if (s % 1000 == 0) {
          w.validation(new ValidationPoint(s, 1.5 * Math.exp(-s / (steps / 2.0)) + 0.4, true));
          w.checkpoint(new CheckpointEntry(s, "checkpoints/step-" + s));
        }
      }
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
