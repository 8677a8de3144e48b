package io.polyret.reports.render;

import io.polyret.reports.model.AtomicFiles;
import io.polyret.reports.model.EvaluationResult;
import java.nio.file.Path;
import java.util.List;

/**
 * A GitHub-flavoured Markdown summary for a CI job summary ({@code $GITHUB_STEP_SUMMARY}): per
 * benchmark, the overview table of the HTML report with the best value in bold and differences to
 * the baseline run in parentheses. Text from data is escaped so it cannot form Markdown or HTML.
 */
public final class MarkdownSummaryRenderer {
  private MarkdownSummaryRenderer() {}

  /** The Markdown text. */
  public static String render(ReportData data, ReportOptions options) {
    StringBuilder out = new StringBuilder();
    out.append("## ").append(escape(options.title())).append("\n\n");
    List<EvaluationResult> runs = data.runs();
    String baseline = data.baseline(options);
    if (runs.isEmpty()) {
      out.append("No evaluation results.\n");
      return out.toString();
    }
    out.append("Runs: ");
    for (int i = 0; i < runs.size(); i++) {
      out.append(i > 0 ? ", " : "").append(escape(runs.get(i).runName()));
    }
    out.append(". Best value per column in **bold**; (differences) are against the baseline run ")
        .append(escape(baseline)).append("; \u2193 = lower is better.");
    if (options.generatedAt() != null) {
      out.append(" Generated ").append(escape(options.generatedAt())).append('.');
    }
    out.append("\n\n");
    for (String name : Tables.benchmarkNames(runs)) {
      Tables.Overview table = Tables.overview(runs, name, baseline,
          options.includePaperReferences());
      out.append("### ").append(escape(name)).append(" (").append(escape(table.protocol()))
          .append(")\n\n| run |");
      for (Tables.Column c : table.columns()) {
        out.append(' ').append(escape(shortSetting(c.setting()) + " " + c.label()))
            .append(c.lowerIsBetter() ? " \u2193" : "").append(" |");
      }
      out.append("\n|---|");
      table.columns().forEach(c -> out.append("---:|"));
      out.append('\n');
      for (Tables.Row row : table.rows()) {
        String label = escape(row.label());
        out.append("| ").append(row.reference() ? "_" + label + "_" : label)
            .append(row.kind().equals("baseline") ? " (baseline)" : "").append(" |");
        for (Tables.Cell cell : row.cells()) {
          out.append(' ');
          out.append(cell.best() ? "**" + cell.text() + "**" : cell.text());
          if (cell.delta() != null) {
            out.append(" (").append(cell.delta()).append(')');
          }
          out.append(" |");
        }
        out.append('\n');
      }
      out.append('\n');
    }
    if (options.includePaperReferences()) {
      out.append("_Italic rows: the paper's published macro averages (arXiv 2408.10536), "
          + "for comparison only._\n");
    }
    return out.toString();
  }

  /** Writes the summary atomically. */
  public static void write(ReportData data, ReportOptions options, Path file) {
    AtomicFiles.writeString(file, render(data, options));
  }

  private static String shortSetting(String setting) {
    return switch (setting) {
      case "monolingual" -> "mono";
      case "cross-lingual" -> "cross";
      case "multilingual" -> "multi";
      default -> setting;
    };
  }

  /**
   * Escapes text for a GitHub table cell: HTML-significant characters become entities, Markdown
   * punctuation gets a backslash, line breaks become spaces.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\n', '\r' -> sb.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '(', ')' ->
            sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
