package io.polyret.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.reports.render.CsvReportRenderer;
import io.polyret.reports.render.HtmlReportRenderer;
import io.polyret.reports.render.MarkdownSummaryRenderer;
import io.polyret.reports.render.ReportData;
import io.polyret.reports.render.ReportOptions;
import io.polyret.reports.render.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code report} engine: reads evaluation results (and training logs) with polyret-reports and
 * writes the offline HTML report, the CSV table and the Markdown summary into a folder.
 *
 * <p>Settings: {@code inputs} (evaluation result files, the first is the baseline unless
 * {@code baseline} names another run), {@code output} (folder), optional {@code training_logs},
 * {@code formats} (subset of {@code html, csv, md}; all three by default), {@code title},
 * {@code baseline}, {@code paper_references} (true by default).
 */
public final class ReportEngine implements CommandEngine {
    /** Formats the engine writes. */
    public static final List<String> FORMATS = List.of("html", "csv", "md");
    private static final Set<String> KEYS =
            Set.of("inputs", "training_logs", "output", "formats", "title", "baseline", "paper_references");

    @Override
    public void run(ObjectNode settings, CommandContext context) {
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown report setting '" + name + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        List<Path> inputs = existingFiles(settings, "inputs", "evaluation result");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("report needs at least one evaluation result file (inputs)");
        }
        List<Path> trainingLogs = existingFiles(settings, "training_logs", "training log");
        Path output = Path.of(text(settings, "output", null));
        Set<String> formats = new LinkedHashSet<>(strings(settings, "formats"));
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
        JsonNode paper = settings.get("paper_references");
        if (paper != null && !paper.isNull()) {
            if (!paper.isBoolean()) {
                throw new IllegalArgumentException("paper_references must be true or false, got " + paper);
            }
            options = options.withPaperReferences(paper.booleanValue());
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
        written.forEach(file -> context.out().println("wrote " + file));
    }

    private static List<Path> existingFiles(ObjectNode settings, String key, String what) {
        List<Path> files = new ArrayList<>();
        for (String name : strings(settings, key)) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " file " + file + " does not exist (" + key + ")");
            }
            files.add(file);
        }
        return files;
    }

    /** A string or array of strings; empty when absent. */
    private static List<String> strings(ObjectNode settings, String key) {
        JsonNode node = settings.get(key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + " must be a string or an array of strings, got " + node);
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(key + " must hold non-empty strings, got " + item);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String text(ObjectNode settings, String key, String fallback) {
        JsonNode node = settings.get(key);
        if (node == null || node.isNull()) {
            if (fallback == null && key.equals("output")) {
                throw new IllegalArgumentException("report needs an output folder (output)");
            }
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(key + " must be a non-empty string, got " + node);
        }
        return node.asText();
    }
}
