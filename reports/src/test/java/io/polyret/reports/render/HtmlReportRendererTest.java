package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.AtomicFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {
  static final ReportOptions OPTIONS = ReportOptions.defaults()
      .withTitle("polyret test report").withGeneratedAt("2026-11-25T18:00:00Z");

  @Test
  void smoke() {
    String html = HtmlReportRenderer.render(ReportFixtures.data(), OPTIONS);
    AtomicFiles.writeString(Path.of("target/smoke-report.html"), html);
    assertTrue(html.contains("<svg"));
  }
}
