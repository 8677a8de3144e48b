package io.polyret.reports.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How a report is rendered.
 *
 * @param title report title
 * @param baselineRun run name deltas are computed against; null = the first run
 * @param includePaperReferences add the paper's published macro averages as labelled extra rows
 * @param generatedAt timestamp printed in the report; null prints none. Fix it for byte-identical
 *     output (see {@link #generationTime()})
 */
public record ReportOptions(
    String title, String baselineRun, boolean includePaperReferences, String generatedAt) {

  /** Validates. */
  public ReportOptions {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("report title must be non-blank, got '" + title + "'");
    }
    if (baselineRun != null && baselineRun.isBlank()) {
      throw new IllegalArgumentException("baseline run must be null or non-blank, got ''");
    }
  }

  /** Title "polyret report", first run as baseline, paper references shown, no timestamp. */
  public static ReportOptions defaults() {
    return new ReportOptions("polyret report", null, true, null);
  }

  /** Same options with another title. */
  public ReportOptions withTitle(String newTitle) {
    return new ReportOptions(newTitle, baselineRun, includePaperReferences, generatedAt);
  }

  /** Same options with another baseline run. */
  public ReportOptions withBaseline(String run) {
    return new ReportOptions(title, run, includePaperReferences, generatedAt);
  }

  /** Same options with paper references on or off. */
  public ReportOptions withPaperReferences(boolean include) {
    return new ReportOptions(title, baselineRun, include, generatedAt);
  }

  /** Same options with a fixed timestamp text. */
  public ReportOptions withGeneratedAt(String timestamp) {
    return new ReportOptions(title, baselineRun, includePaperReferences, timestamp);
  }

  /**
   * The time to print as "generated at": {@code SOURCE_DATE_EPOCH} (seconds) when that
   * environment variable is set, as reproducible builds expect, else now, to the second, UTC.
   */
  public static String generationTime() {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    Instant when;
    if (epoch != null && epoch.matches("\\d+")) {
      when = Instant.ofEpochSecond(Long.parseLong(epoch));
    } else {
      when = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
    return DateTimeFormatter.ISO_INSTANT.format(when.atOffset(ZoneOffset.UTC));
  }
}
