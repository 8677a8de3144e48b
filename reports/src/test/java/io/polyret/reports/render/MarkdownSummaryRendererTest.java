package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.EvaluationResult;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MarkdownSummaryRendererTest {
  @Test
  void tablePerBenchmarkWithBestInBoldAndDeltas() {
    List<EvaluationResult> runs = ReportFixtures.threeRuns();
    ReportData data = new ReportData(runs, List.of());
    String md = MarkdownSummaryRenderer.render(data,
        ReportOptions.defaults().withGeneratedAt("2026-11-25T18:00:00Z"));
    assertTrue(md.contains("### xquad-r (lareqa)\n\n| run | mono mAP | mono R@1 | cross mAP |"
        + " cross R@1 | multi mAP | multi R@10 | multi rank distance \u2193 |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|\n"), md);
    assertTrue(md.contains("### miracl (miracl)"), md);
    // The X-Y row: monolingual mAP with its delta to X-X-mono.
    double xy = runs.get(1).benchmark("xquad-r").orElseThrow().macro("monolingual", "map")
        .getAsDouble();
    double base = runs.get(0).benchmark("xquad-r").orElseThrow().macro("monolingual", "map")
        .getAsDouble();
    String row = md.lines().filter(l -> l.startsWith("| X-Y |")).findFirst().orElseThrow();
    String cell = row.split(" \\| ")[1];
    String value = String.format(Locale.ROOT, "%.4f", xy);
    String delta = String.format(Locale.ROOT, "%+.4f", xy - base);
    assertTrue(cell.equals(value + " (" + delta + ")")
        || cell.equals("**" + value + "** (" + delta + ")"), cell);
    assertTrue(md.contains("| X-X-mono (baseline) |"), md);
    assertTrue(md.contains("| _paper: LaBSE Hybrid_ | 0.8170 |"), md);
    // Exactly one bold cell per column of each benchmark (three runs, distinct values).
    String xquad = md.substring(md.indexOf("### xquad"), md.indexOf("### miracl"));
    long bold = xquad.lines().filter(l -> l.startsWith("|"))
        .mapToLong(l -> l.split("\\*\\*", -1).length / 2).sum();
    assertEquals(7, bold);
  }
}
