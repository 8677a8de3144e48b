package io.polyret.core.pipeline;

import io.polyret.reports.render.ReportData;
import io.polyret.reports.render.ReportFormat;
import io.polyret.reports.render.ReportOptions;
import io.polyret.reports.render.Reports;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** One call that turns evaluation results and training logs into {@code report.html}. */
public final class ReportJob {
  private ReportJob() {}

  /**
   * Writes {@code report.html} (self-contained, offline) into {@code outDir}.
   *
   * @param results {@code evaluation.json} files (each one result or an array of them)
   * @param trainingLogs {@code training-log.jsonl} files, each shown as a run named after its folder
   * @return the HTML file
   */
  public static Path report(List<Path> results, List<Path> trainingLogs, Path outDir) {
    return report(results, trainingLogs, outDir, ReportOptions.defaults().withGeneratedAt(ReportOptions.generationTime()),
        EnumSet.of(ReportFormat.HTML)).get(ReportFormat.HTML);
  }

  /** Writes the chosen formats (HTML, JSON, CSV, Markdown) with the given options. */
  public static Map<ReportFormat, Path> report(List<Path> results, List<Path> trainingLogs, Path outDir,
      ReportOptions options, java.util.Collection<ReportFormat> formats) {
    ReportData data = Reports.load(results, trainingLogs);
    return Reports.write(data, options, outDir, formats);
  }
}
