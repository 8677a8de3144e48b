package io.polyret.reports.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats {@link Reports#write} can produce, each with its file name in the output folder. */
public enum ReportFormat {
  /** The self-contained HTML report. */
  HTML("report.html", "html"),
  /** The results as a JSON array of evaluation results (the result model). */
  JSON("results.json", "json"),
  /** One CSV row per run, benchmark, setting and language pair. */
  CSV("results.csv", "csv"),
  /** A GitHub-flavoured Markdown summary for CI job summaries. */
  MARKDOWN("summary.md", "md");

  private final String fileName;
  private final String shortName;

  ReportFormat(String fileName, String shortName) {
    this.fileName = fileName;
    this.shortName = shortName;
  }

  /** File name in the output folder. */
  public String fileName() {
    return fileName;
  }

  /** Name used in configs and on the command line: html, json, csv, md. */
  public String shortName() {
    return shortName;
  }

  /**
   * The format named {@code html}, {@code json}, {@code csv}, {@code md} or {@code markdown}
   * (case-insensitive).
   *
   * @throws IllegalArgumentException quoting an unknown name
   */
  public static ReportFormat parse(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("markdown")) {
      return MARKDOWN;
    }
    for (ReportFormat f : values()) {
      if (f.shortName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown report format '" + name + "'; expected one of "
        + Arrays.stream(values()).map(ReportFormat::shortName).collect(Collectors.joining(", ")));
  }
}
