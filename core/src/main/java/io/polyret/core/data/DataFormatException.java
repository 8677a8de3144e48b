package io.polyret.core.data;

import java.nio.file.Path;

/**
 * A data file that does not have the expected format. The message names the file, the line and
 * column when known, and the field or value at fault; a loader that throws it has loaded nothing.
 */
public class DataFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final long column;

  /**
   * @param file the file at fault
   * @param line one-based line, or 0 if unknown
   * @param column one-based column, or 0 if unknown
   * @param message what is wrong (field, value)
   * @param cause the underlying parse error, may be null
   */
  public DataFormatException(Path file, long line, long column, String message, Throwable cause) {
    super(format(file, line, column, message), cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** Same as the five-argument constructor without a cause. */
  public DataFormatException(Path file, long line, long column, String message) {
    this(file, line, column, message, null);
  }

  /** A whole-file problem (no line). */
  public DataFormatException(Path file, String message) {
    this(file, 0, 0, message, null);
  }

  private static String format(Path file, long line, long column, String message) {
    StringBuilder sb = new StringBuilder().append(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(message).toString();
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** One-based line, 0 if unknown. */
  public long line() {
    return line;
  }

  /** One-based column, 0 if unknown. */
  public long column() {
    return column;
  }
}
