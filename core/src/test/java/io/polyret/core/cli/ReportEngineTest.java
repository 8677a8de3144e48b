package io.polyret.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polyret report} end to end: real result files in, real report files out. */
class ReportEngineTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path hybrid;
    private Path crossLingual;
    private double hybridMonoMapEn;

    static Path write(Path file, String run, double monoMapEn) {
        List<SettingResult> rows = List.of(
                new SettingResult(SettingResult.MONOLINGUAL, "en", "en", Map.of("map", monoMapEn, "recall@1", 0.5), 160, 0),
                new SettingResult(SettingResult.MONOLINGUAL, "zh", "zh", Map.of("map", 0.61, "recall@1", 0.45), 160, 0),
                new SettingResult(SettingResult.CROSS_LINGUAL, "en", "zh", Map.of("map", 0.52, "recall@1", 0.4), 160, 0),
                new SettingResult(SettingResult.CROSS_LINGUAL, "zh", "en", Map.of("map", 0.50, "recall@1", 0.38), 160, 0),
                new SettingResult(SettingResult.MULTILINGUAL, "en", "all", Map.of("map", 0.44, "recall@10", 0.8), 160, 0),
                new SettingResult(SettingResult.MULTILINGUAL, "zh", "all", Map.of("map", 0.41, "recall@10", 0.77), 160, 0));
        BenchmarkResult demo = new BenchmarkResult("polyret-demo", BenchmarkResult.PROTOCOL_LAREQA, List.of("en", "zh"),
                rows, Map.of("en", 12.5, "zh", 14.0), 13.25, Map.of("en", 160, "zh", 160), Map.of("en", 160, "zh", 160));
        EvaluationResultJson.write(EvaluationResult.of(run, List.of(demo), null, null), file);
        return file;
    }

    @BeforeEach
    void results() {
        hybridMonoMapEn = 0.6 + 0.3 * new Random(3).nextDouble();
        hybrid = write(directory.resolve("hybrid.json"), "hybrid", hybridMonoMapEn);
        crossLingual = write(directory.resolve("x-y.json"), "x-y", 0.58);
    }

    private int run(String... args) {
        return new PolyretCli(Engines.ofThisBuild()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void writesHtmlCsvAndMarkdown() throws IOException {
        Path report = directory.resolve("report");
        assertEquals(ExitCode.SUCCESS, run("report", "--input", hybrid.toString(), "--input", crossLingual.toString(),
                "--output", report.toString(), "--title", "Demo <comparison>"), err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("Demo &lt;comparison&gt;"), "title missing or unescaped");
        assertTrue(html.contains("polyret-demo") && html.contains("x-y"));
        String value = String.format(Locale.ROOT, "%.4f", hybridMonoMapEn);
        assertTrue(Files.readString(report.resolve("results.csv")).contains(value), "CSV lacks " + value);
        assertTrue(Files.size(report.resolve("summary.md")) > 0);
        assertEquals(3, out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("wrote ")).count());
    }

    @Test
    void resultsTakeSeveralPathsAfterOneOption() throws IOException {
        Path report = directory.resolve("compare");
        assertEquals(ExitCode.SUCCESS, run("report", "--results", hybrid.toString(), crossLingual.toString(),
                "--out", report.toString()), err.toString(StandardCharsets.UTF_8));
        String csv = Files.readString(report.resolve("results.csv"));
        assertTrue(csv.contains("hybrid") && csv.contains("x-y"), csv);
    }

    @Test
    void writesOnlyTheRequestedFormats() {
        Path report = directory.resolve("only-html");
        assertEquals(ExitCode.SUCCESS, run("report", "--input", hybrid.toString(), "--output", report.toString(),
                "--formats", "html"));
        assertTrue(Files.isRegularFile(report.resolve("report.html")));
        assertFalse(Files.exists(report.resolve("results.csv")));
        assertFalse(Files.exists(report.resolve("summary.md")));
    }

    @Test
    void badInputIsExitCodeTwoNamingIt() throws IOException {
        Path missing = directory.resolve("missing.json");
        assertEquals(ExitCode.USAGE, run("report", "--input", missing.toString(), "--output", "r"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(missing.toString()));

        err.reset();
        assertEquals(ExitCode.USAGE, run("report", "--input", hybrid.toString(), "--output", "r", "--formats", "pdf"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'pdf'"));

        err.reset();
        Path config = directory.resolve("report.json");
        Files.writeString(config, "{\"results\": [\"" + hybrid.toString().replace("\\", "\\\\") + "\"], \"titel\": \"x\"}");
        assertEquals(ExitCode.USAGE, run("report", "--config", config.toString(), "--output", "r"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'titel'"));

        err.reset();
        Path broken = directory.resolve("broken.json");
        Files.writeString(broken, "{\"schema_version\": 1, \"run_name\": \"a\", \"benchmarks\": [{\"name\": 3}]}");
        assertEquals(ExitCode.USAGE, run("report", "--input", broken.toString(), "--output", "r"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("broken.json"), err.toString(StandardCharsets.UTF_8));
    }
}
