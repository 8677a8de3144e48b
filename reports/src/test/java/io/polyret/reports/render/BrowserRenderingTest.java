package io.polyret.reports.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polyret.reports.svg.Palette;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in a real browser (headless Chromium): no console messages, and the live DOM
 * and the painted page hold the heatmaps and charts. Skipped when Chromium is not installed (CI
 * installs Debian's {@code chromium}). Artifacts stay in {@code target/browser/} for inspection.
 */
class BrowserRenderingTest {
  static final Path DIR = Path.of("target", "browser");
  static Optional<Chromium> chromium;

  @BeforeAll
  static void setUp() throws Exception {
    chromium = Chromium.find();
    Files.createDirectories(DIR);
  }

  private static Chromium chromium() {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium);"
        + " skipping the browser rendering tests");
    return chromium.get();
  }

  private static Path writeReport() {
    Path page = DIR.resolve("report.html").toAbsolutePath();
    HtmlReportRenderer.write(ReportFixtures.data(), HtmlReportRendererTest.OPTIONS, page);
    return page;
  }

  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void liveDomHoldsEverySvgAndHeatmapCellWithoutConsoleMessages() throws Exception {
    Chromium browser = chromium();
    Path page = writeReport();
    Chromium.Run run = browser.run(page, DIR.toAbsolutePath(), "--dump-dom");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of(), run.consoleMessages(), "console messages while loading the report");
    String dom = run.stdout();
    Files.writeString(DIR.resolve("report-dom.html"), dom);
    int n = ReportFixtures.LANGS.size();
    // 3 heatmaps + 1 bias chart + 2 line charts + batch kinds + 2 language charts
    assertEquals(3 + 1 + 2 + 1 + 2, count(dom, "<svg[ >]"));
    assertEquals(3 * n * n, count(dom, "<rect class=\"cell[ \"]"));
    assertEquals(3 * n, count(dom, "<rect class=\"cell diagonal"));
    String bias = dom.substring(dom.indexOf("id=\"language-bias\""), dom.indexOf("id=\"training\""));
    assertEquals(3 * (n + 1), count(bias, "<rect class=\"bar\""), "runs x (languages + macro)");
    assertEquals(6, count(dom, "<polyline "),
        "2 runs x (train loss, validation loss, learning rate)");
    assertFalse(dom.contains("<script"));
  }

  @Test
  void consoleDetectionSeesABlockedExternalResource() throws Exception {
    Chromium browser = chromium();
    // The report's Content-Security-Policy blocks anything external; a page that tries must be
    // caught by the same check, or the check above proves nothing.
    Path page = DIR.resolve("external.html").toAbsolutePath();
    String html = HtmlReportRenderer.render(ReportFixtures.data(), HtmlReportRendererTest.OPTIONS)
        .replace("</main>", "<img src=\"https://example.invalid/pixel.png\" alt=\"x\" /></main>");
    Files.writeString(page, html);
    Chromium.Run run = browser.run(page, DIR.toAbsolutePath(), "--dump-dom");
    assertFalse(run.consoleMessages().isEmpty(), "a blocked image is reported: " + run.stderr());
  }

  @Test
  void screenshotShowsPaintedHeatmapsAndCharts() throws Exception {
    Chromium browser = chromium();
    Path page = writeReport();
    Path shot = DIR.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    // The top of the page as a person sees it first (kept for a look).
    Chromium.Run top = browser.run(page, DIR.toAbsolutePath(),
        "--screenshot=" + shot, "--window-size=1280,2000", "--hide-scrollbars");
    assertEquals(0, top.exitCode(), top.stderr());
    BufferedImage image = ImageIO.read(shot.toFile());
    assertEquals(1280, image.getWidth());
    assertEquals(2000, image.getHeight());
    assertTrue(distinctColours(image) > 20, "the page is not blank");

    // The whole page, to check that the figures were painted.
    Path full = DIR.resolve("report-full.png").toAbsolutePath();
    Files.deleteIfExists(full);
    Chromium.Run whole = browser.run(page, DIR.toAbsolutePath(),
        "--screenshot=" + full, "--window-size=1280,7000", "--hide-scrollbars");
    assertEquals(0, whole.exitCode(), whole.stderr());
    BufferedImage all = ImageIO.read(full.toFile());
    // The darkest heatmap cell (the largest value) and the diagonal outlines.
    assertTrue(pixels(all, Palette.sequential(1.0)) > 500, "heatmap cells painted");
    assertTrue(pixels(all, "#d55e00") > 300, "diagonal outlines painted");
    // Bars of the second series (orange) in the bias and training charts.
    assertTrue(pixels(all, Palette.series(1)) > 2000, "bars painted");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours.size();
  }

  private static int pixels(BufferedImage image, String hex) {
    int target = Integer.parseInt(hex.substring(1), 16);
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (close(rgb, target)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean close(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 4) {
        return false;
      }
    }
    return true;
  }
}
