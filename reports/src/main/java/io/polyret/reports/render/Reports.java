package io.polyret.reports.render;

import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.TrainingLogReader;
import io.polyret.reports.model.TrainingRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry point: load result files and training logs, write every report format to a folder. */
public final class Reports {
  /** File name of the HTML report in the output folder. */
  public static final String HTML = "report.html";
  /** File name of the CSV table. */
  public static final String CSV = "results.csv";
  /** File name of the Markdown summary. */
  public static final String MARKDOWN = "summary.md";

  private Reports() {}

  /**
   * Reads evaluation result files (JSON, see {@link EvaluationResultJson}) and training logs (see
   * {@link TrainingLogReader}; each run named after its log's folder) in the given order.
   */
  public static ReportData load(List<Path> resultFiles, List<Path> trainingLogs) {
    List<EvaluationResult> runs = new ArrayList<>();
    resultFiles.forEach(f -> runs.add(EvaluationResultJson.read(f)));
    List<TrainingRecord> training = new ArrayList<>();
    trainingLogs.forEach(f -> training.add(TrainingLogReader.read(f)));
    return new ReportData(runs, training);
  }

  /**
   * Writes {@value #HTML}, {@value #CSV} and {@value #MARKDOWN} into {@code outputDir} (created if
   * needed), each atomically; returns the HTML report's path.
   */
  public static Path writeAll(ReportData data, ReportOptions options, Path outputDir) {
    Path html = outputDir.resolve(HTML);
    HtmlReportRenderer.write(data, options, html);
    CsvReportRenderer.write(data.runs(), outputDir.resolve(CSV));
    MarkdownSummaryRenderer.write(data, options, outputDir.resolve(MARKDOWN));
    return html;
  }
}
