package io.polyret.core.train;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint that is incomplete or corrupted; the message names the offending file. */
public final class InvalidCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;
  private final Path file;

  public InvalidCheckpointException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The file found missing, truncated or altered. */
  public Path file() {
    return file;
  }
}
