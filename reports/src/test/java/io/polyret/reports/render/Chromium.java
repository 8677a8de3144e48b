package io.polyret.reports.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs headless Chromium (Debian's {@code chromium}) for the browser tests, with a time limit. */
final class Chromium {
  static final long TIMEOUT_SECONDS = 90;

  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /** Chromium from {@code -Dpolyret.chromium=PATH}, else {@code chromium} on the PATH. */
  static Optional<Chromium> find() {
    String configured = System.getProperty("polyret.chromium");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(new Chromium(p)) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(new Chromium(p));
        }
      }
    }
    return Optional.empty();
  }

  /** What a run printed. */
  record Run(int exitCode, String stdout, String stderr) {
    /** Console messages of the page (errors, CSP violations, failed loads). */
    List<String> consoleMessages() {
      return stderr.lines()
          .filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
    }
  }

  /** Runs Chromium headless on a page with a fresh profile; extra flags select the output. */
  Run run(Path page, Path workDir, String... flags) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("polyret-chromium-profile");
    Path out = workDir.resolve("chromium-stdout.txt");
    Path err = workDir.resolve("chromium-stderr.txt");
    List<String> command = new ArrayList<>(List.of(executable.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // Containers often have a tiny /dev/shm, which crashes the renderer.
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
    command.addAll(List.of(flags));
    command.add(page.toUri().toString());
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: "
            + command);
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A profile file still held by an exiting child: left for the OS temp cleaner.
    }
  }
}
