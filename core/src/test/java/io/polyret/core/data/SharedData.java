package io.polyret.core.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data} for tests; skips the calling test when it is absent. */
public final class SharedData {

  private SharedData() {}

  /** The shared data folder {@code name}, or a skipped test if it is not there. */
  public static Path folder(String name) {
    String shared = System.getProperty("polyret.shared.dir");
    Path dir = shared == null ? null : Path.of(shared, "data", name);
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "shared data folder '" + name + "' not found (property polyret.shared.dir=" + shared
            + "); skipping a test that needs ../shared");
    return dir;
  }
}
