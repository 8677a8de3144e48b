/**
 * Renderers of the result model: a self-contained HTML report ({@link
 * io.polyret.reports.render.HtmlReportRenderer}), CSV ({@link
 * io.polyret.reports.render.CsvReportRenderer}) and a Markdown summary for CI ({@link
 * io.polyret.reports.render.MarkdownSummaryRenderer}); {@link io.polyret.reports.render.Reports}
 * loads files and writes all three.
 */
package io.polyret.reports.render;
