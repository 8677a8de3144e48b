package io.polyret.core.data.mmarco;

import io.polyret.core.data.DataFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Random access by id to the texts of an {@code id\ttext} TSV file (mMARCO collections and
 * queries) without holding the texts in the heap: a sorted {@code int[]} of ids and a {@code
 * long[]} of byte offsets (12 bytes per line), texts read by position through a {@link
 * FileChannel}. The index is built once and cached beside the file (or in a cache folder), and
 * rebuilt when the file's size or modification time changes.
 *
 * <p>Validation while indexing: every line must be a non-negative integer id, a tab and the text
 * (error with file, line and field otherwise); the same id twice is an error naming both lines;
 * a line with empty text is indexed as empty (see {@link #EMPTY}) and counted.
 */
public final class TsvTextIndex implements Closeable {

  /** Offset value of an id whose text is empty. */
  public static final long EMPTY = -1;
  /** Offset value of an id that is not in the file. */
  public static final long ABSENT = -2;

  private static final String KIND = "tsv-text-index";

  private final Path file;
  private final String idField;
  private final int size;
  /** Sorted ids and their offsets, null when {@link #direct} replaces them. */
  private final int[] ids;
  private final long[] offsets;
  /** Offsets by id when ids are dense enough, else null (binary search). */
  private final long[] direct;
  private final long emptyTexts;
  private final boolean fromCache;
  private final FileChannel channel;

  private TsvTextIndex(Path file, String idField, int[] ids, long[] offsets, boolean fromCache)
      throws IOException {
    this.file = file;
    this.idField = idField;
    this.size = ids.length;
    this.fromCache = fromCache;
    long empty = 0;
    for (long o : offsets) {
      if (o == EMPTY) {
        empty++;
      }
    }
    this.emptyTexts = empty;
    int max = ids.length == 0 ? -1 : ids[ids.length - 1];
    // A direct table costs 8 bytes per possible id; use it when ids are at most half sparse.
    if (max >= 0 && max < 2L * ids.length + 1024) {
      direct = new long[max + 1];
      Arrays.fill(direct, ABSENT);
      for (int i = 0; i < ids.length; i++) {
        direct[ids[i]] = offsets[i];
      }
      this.ids = null;
      this.offsets = null;
    } else {
      direct = null;
      this.ids = ids;
      this.offsets = offsets;
    }
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
  }

  /**
   * Opens the index of a TSV file, reading a valid cache or building (and caching) it.
   *
   * @param file the TSV file
   * @param idField name of the id column for error messages ({@code pid}, {@code qid})
   * @param cacheDir folder for the cache file, or null to keep it beside {@code file}
   * @throws DataFormatException on a malformed line or a repeated id
   */
  public static TsvTextIndex open(Path file, String idField, Path cacheDir) {
    try {
      IndexCache.SourceStamp stamp = IndexCache.SourceStamp.of(file);
      Path cache = IndexCache.cacheFileFor(file, cacheDir);
      IndexCache.Arrays cached = IndexCache.read(cache, KIND, stamp);
      if (cached != null && cached.ints().length == 1 && cached.longs().length == 1
          && cached.ints()[0].length == cached.longs()[0].length) {
        return new TsvTextIndex(file, idField, cached.ints()[0], cached.longs()[0], true);
      }
      Built built = build(file, idField);
      IndexCache.write(cache, KIND, stamp,
          new IndexCache.Arrays(new int[][] {built.ids}, new long[][] {built.offsets}));
      return new TsvTextIndex(file, idField, built.ids, built.offsets, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index " + file, e);
    }
  }

  private record Built(int[] ids, long[] offsets) {}

  private static Built build(Path file, String idField) throws IOException {
    int[][] idsByLine = {new int[1 << 16]};
    long[][] offsetsByLine = {new long[1 << 16]};
    int[] count = {0};
    boolean[] sorted = {true};
    LineScanner.scan(
        file,
        (lineNumber, offset, buf, start, end) -> {
          int tab = -1;
          for (int i = start; i < end; i++) {
            if (buf[i] == '\t') {
              tab = i;
              break;
            }
          }
          if (tab < 0) {
            throw new DataFormatException(
                file, lineNumber, 0, "expected '" + idField + "<TAB>text', found no tab");
          }
          long id = LineScanner.parseId(buf, start, tab);
          if (id < 0) {
            throw new DataFormatException(
                file, lineNumber, 1, "field '" + idField + "' is not a non-negative integer: '"
                    + new String(buf, start, Math.min(tab - start, 40), StandardCharsets.UTF_8) + "'");
          }
          int n = count[0];
          if (n == idsByLine[0].length) {
            idsByLine[0] = Arrays.copyOf(idsByLine[0], n * 2);
            offsetsByLine[0] = Arrays.copyOf(offsetsByLine[0], n * 2);
          }
          if (n > 0 && idsByLine[0][n - 1] >= id) {
            sorted[0] = false;
          }
          idsByLine[0][n] = (int) id;
          boolean empty = true;
          for (int i = tab + 1; i < end && empty; i++) {
            empty = buf[i] == ' ' || buf[i] == '\t';
          }
          offsetsByLine[0][n] = empty ? EMPTY : offset + (tab + 1 - start);
          count[0] = n + 1;
        });
    int n = count[0];
    int[] ids = Arrays.copyOf(idsByLine[0], n);
    long[] offsets = Arrays.copyOf(offsetsByLine[0], n);
    if (!sorted[0]) {
      // Sort (id, line) pairs; the line gives the offset and, for a repeated id, the error.
      long[] pairs = new long[n];
      for (int i = 0; i < n; i++) {
        pairs[i] = ((long) ids[i] << 32) | i;
      }
      Arrays.parallelSort(pairs);
      long[] sortedOffsets = new long[n];
      for (int i = 0; i < n; i++) {
        int line = (int) pairs[i];
        ids[i] = (int) (pairs[i] >>> 32);
        sortedOffsets[i] = offsets[line];
        if (i > 0 && ids[i] == ids[i - 1]) {
          throw new DataFormatException(
              file, line + 1, 1, "duplicate " + idField + " " + ids[i] + " (also on line "
                  + ((int) pairs[i - 1] + 1) + ")");
        }
      }
      offsets = sortedOffsets;
    }
    return new Built(ids, offsets);
  }

  /** The indexed file. */
  public Path file() {
    return file;
  }

  /** Number of lines (ids). */
  public int size() {
    return size;
  }

  /** Lines whose text is empty. */
  public long emptyTexts() {
    return emptyTexts;
  }

  /** Whether the index came from a valid cache file rather than a scan of the TSV. */
  public boolean fromCache() {
    return fromCache;
  }

  /** Byte offset of an id's text, {@link #EMPTY} or {@link #ABSENT}. */
  public long offset(int id) {
    if (direct != null) {
      return id >= 0 && id < direct.length ? direct[id] : ABSENT;
    }
    int i = Arrays.binarySearch(ids, id);
    return i < 0 ? ABSENT : offsets[i];
  }

  /**
   * The text of an id, read from the file.
   *
   * @throws IllegalArgumentException when the id is absent or its text empty
   */
  public String text(int id) {
    long offset = offset(id);
    if (offset < 0) {
      throw new IllegalArgumentException(
          idField + " " + id + (offset == ABSENT ? " not in " : " has an empty text in ") + file);
    }
    try {
      ByteBuffer buffer = ByteBuffer.allocate(2048);
      while (true) {
        buffer.clear();
        int read = 0;
        while (buffer.hasRemaining()) {
          int r = channel.read(buffer, offset + read);
          if (r < 0) {
            break;
          }
          read += r;
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < read; i++) {
          if (bytes[i] == '\n') {
            int end = i > 0 && bytes[i - 1] == '\r' ? i - 1 : i;
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
          }
        }
        if (read < buffer.capacity()) {
          int end = read > 0 && bytes[read - 1] == '\r' ? read - 1 : read;
          return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
        buffer = ByteBuffer.allocate(buffer.capacity() * 2);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " at byte " + offset, e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
