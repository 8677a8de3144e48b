package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.reports.render.CsvReportRenderer;
import io.polyret.reports.render.HtmlReportRenderer;
import io.polyret.reports.render.MarkdownSummaryRenderer;
import io.polyret.reports.render.ReportData;
import io.polyret.reports.render.ReportOptions;
import io.polyret.reports.render.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code report} engine: reads evaluation results (and training logs) with polyret-reports and
 * writes the offline HTML report, the CSV table and the Markdown summary into a folder.
 *
 * <p>Settings: {@code results} (evaluation result files, the first is the baseline unless
 * {@code baseline} names another run), {@code outputDir} (folder), optional {@code trainingLogs},
 * {@code formats} (subset of {@code html, csv, md}; all three by default), {@code title},
 * {@code baseline}, {@code paperReferences} (true by default).
 */
public final class ReportEngine implements CommandEngine {
    /** Formats the engine writes. */
    public static final List<String> FORMATS = List.of("html", "csv", "md");
    private static final Set<String> KEYS =
            Set.of("results", "trainingLogs", "outputDir", "formats", "title", "baseline", "paperReferences");

    @Override
    public void run(ObjectNode settings, CommandContext context) {
        Settings.refuseUnknown(settings, KEYS, "report");
        List<Path> inputs = Settings.existingFiles(settings, "results", "evaluation result");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("report needs at least one evaluation result file (results)");
        }
        List<Path> trainingLogs = Settings.existingFiles(settings, "trainingLogs", "training log");
        Path output = Path.of(Settings.requiredText(settings, "outputDir", "report directory"));
        Set<String> formats = new LinkedHashSet<>(Settings.strings(settings, "formats"));
        if (formats.isEmpty()) {
            formats.addAll(FORMATS);
        }
        for (String format : formats) {
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("unknown report format '" + format + "' (known: "
                        + String.join(", ", FORMATS) + ")");
            }
        }
        ReportOptions options = ReportOptions.defaults();
        String title = text(settings, "title", null);
        if (title != null) {
            options = options.withTitle(title);
        }
        String baseline = text(settings, "baseline", null);
        if (baseline != null) {
            options = options.withBaseline(baseline);
        }
        if (settings.hasNonNull("paperReferences")) {
            options = options.withPaperReferences(Settings.bool(settings, "paperReferences", true));
        }

        ReportData data = Reports.load(inputs, trainingLogs);
        List<Path> written = new ArrayList<>();
        if (formats.contains("html")) {
            Path file = output.resolve(Reports.HTML);
            HtmlReportRenderer.write(data, options, file);
            written.add(file);
        }
        if (formats.contains("csv")) {
            Path file = output.resolve(Reports.CSV);
            CsvReportRenderer.write(data.runs(), file);
            written.add(file);
        }
        if (formats.contains("md")) {
            Path file = output.resolve(Reports.MARKDOWN);
            MarkdownSummaryRenderer.write(data, options, file);
            written.add(file);
        }
        written.forEach(file -> context.out().println("wrote " + file.toAbsolutePath()));
    }

    private static String text(ObjectNode settings, String key, String fallback) {
        return Settings.text(settings, key, fallback);
    }
}
