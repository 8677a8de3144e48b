package io.polyret.core.data.mmarco;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file line by line as bytes, with each line's byte offset: the fast path for indexing
 * TSV files of millions of lines without decoding their text.
 */
final class LineScanner {

  /** Receives each line: bytes {@code buf[start, end)} without the line break. */
  interface LineHandler {
    void line(long lineNumber, long offset, byte[] buf, int start, int end);
  }

  private LineScanner() {}

  /** Calls the handler for every line of the file; a final line without newline counts too. */
  static void scan(Path file, LineHandler handler) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] buf = new byte[1 << 20];
      int filled = 0;
      int pos = 0;
      long bufferOffset = 0; // file offset of buf[0]
      long lineNumber = 0;
      boolean eof = false;
      while (true) {
        int newline = -1;
        for (int i = pos; i < filled; i++) {
          if (buf[i] == '\n') {
            newline = i;
            break;
          }
        }
        if (newline >= 0) {
          int end = newline > pos && buf[newline - 1] == '\r' ? newline - 1 : newline;
          handler.line(++lineNumber, bufferOffset + pos, buf, pos, end);
          pos = newline + 1;
          continue;
        }
        if (eof) {
          if (pos < filled) {
            int end = buf[filled - 1] == '\r' ? filled - 1 : filled;
            handler.line(++lineNumber, bufferOffset + pos, buf, pos, end);
          }
          return;
        }
        // Keep the partial line, make room, read more.
        int remaining = filled - pos;
        if (pos == 0 && remaining == buf.length) {
          byte[] bigger = new byte[buf.length * 2];
          System.arraycopy(buf, 0, bigger, 0, remaining);
          buf = bigger;
        } else {
          System.arraycopy(buf, pos, buf, 0, remaining);
        }
        bufferOffset += pos;
        pos = 0;
        filled = remaining;
        ByteBuffer target = ByteBuffer.wrap(buf, filled, buf.length - filled);
        int read = channel.read(target);
        if (read < 0) {
          eof = true;
        } else {
          filled += read;
        }
      }
    }
  }

  /**
   * Parses a non-negative decimal int at {@code buf[start, end)}; -1 when empty, not digits or
   * too large.
   */
  static long parseId(byte[] buf, int start, int end) {
    if (start >= end || end - start > 10) {
      return -1;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value > Integer.MAX_VALUE ? -1 : value;
  }
}
