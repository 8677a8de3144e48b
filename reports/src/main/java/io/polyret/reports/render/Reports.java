package io.polyret.reports.render;

import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.TrainingLogReader;
import io.polyret.reports.model.TrainingRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point: load result files and training logs, write report formats to a folder. */
public final class Reports {
  /** File name of the HTML report in the output folder. */
  public static final String HTML = "report.html";
  /** File name of the CSV table. */
  public static final String CSV = "results.csv";
  /** File name of the Markdown summary. */
  public static final String MARKDOWN = "summary.md";

  private Reports() {}

  /**
   * Reads evaluation result files (each one result or an array of results, see {@link
   * EvaluationResultJson#readAll}) and training logs (see {@link TrainingLogReader}; each run
   * named after its log's folder), keeping the given order.
   */
  public static ReportData load(List<Path> resultFiles, List<Path> trainingLogs) {
    List<EvaluationResult> runs = new ArrayList<>();
    resultFiles.forEach(f -> runs.addAll(EvaluationResultJson.readAll(f)));
    List<TrainingRecord> training = new ArrayList<>();
    trainingLogs.forEach(f -> training.add(TrainingLogReader.read(f)));
    return new ReportData(runs, training);
  }

  /**
   * Writes the chosen formats into {@code outputDir} (created if needed), each file atomically,
   * under {@link ReportFormat#fileName()}; returns the written paths by format.
   */
  public static Map<ReportFormat, Path> write(ReportData data, ReportOptions options,
      Path outputDir, Collection<ReportFormat> formats) {
    Map<ReportFormat, Path> written = new LinkedHashMap<>();
    // Enum order, so the files are written in the same order whatever the caller's order.
    EnumSet<ReportFormat> chosen = EnumSet.noneOf(ReportFormat.class);
    chosen.addAll(formats);
    for (ReportFormat format : chosen) {
      Path file = outputDir.resolve(format.fileName());
      switch (format) {
        case HTML -> HtmlReportRenderer.write(data, options, file);
        case JSON -> EvaluationResultJson.writeAll(data.runs(), file);
        case CSV -> CsvReportRenderer.write(data.runs(), file);
        case MARKDOWN -> MarkdownSummaryRenderer.write(data, options, file);
      }
      written.put(format, file);
    }
    return written;
  }

  /** Writes HTML, CSV and Markdown into {@code outputDir}; returns the HTML report's path. */
  public static Path writeAll(ReportData data, ReportOptions options, Path outputDir) {
    return write(data, options, outputDir,
        EnumSet.of(ReportFormat.HTML, ReportFormat.CSV, ReportFormat.MARKDOWN))
        .get(ReportFormat.HTML);
  }
}
