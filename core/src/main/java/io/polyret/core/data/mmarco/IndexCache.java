package io.polyret.core.data.mmarco;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary cache files of primitive arrays built from a source file, valid while the source keeps
 * its size and modification time. Layout: a header (magic, kind, source size, source mtime,
 * array lengths) then the arrays, little-endian. Written to a temporary name and renamed, so a
 * reader never sees half a cache.
 */
final class IndexCache {

  private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);
  private static final long MAGIC = 0x504F4C5952455449L; // "POLYRETI"
  private static final int VERSION = 1;

  private IndexCache() {}

  /** The cache file of a source: beside it, or in cacheDir when given. */
  static Path cacheFileFor(Path source, Path cacheDir) {
    String name = source.getFileName() + ".polyret-index";
    return cacheDir == null ? source.resolveSibling(name) : cacheDir.resolve(name);
  }

  /** Identity of a source file version: size and modification time. */
  record SourceStamp(long size, long mtimeMillis) {
    static SourceStamp of(Path source) throws IOException {
      return new SourceStamp(Files.size(source), Files.getLastModifiedTime(source).toMillis());
    }
  }

  /** Arrays read from a cache, or null if absent, stale or unreadable. */
  static Arrays read(Path cache, String kind, SourceStamp stamp) {
    if (!Files.isRegularFile(cache)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(cache, StandardOpenOption.READ);
        DataInputStream header =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(cache), 256))) {
      if (header.readLong() != MAGIC || header.readInt() != VERSION || !header.readUTF().equals(kind)
          || header.readLong() != stamp.size() || header.readLong() != stamp.mtimeMillis()) {
        return null;
      }
      int intArrays = header.readInt();
      int longArrays = header.readInt();
      int[] intLengths = new int[intArrays];
      int[] longLengths = new int[longArrays];
      for (int i = 0; i < intArrays; i++) {
        intLengths[i] = header.readInt();
      }
      for (int i = 0; i < longArrays; i++) {
        longLengths[i] = header.readInt();
      }
      long position = 8 + 4 + 2 + kind.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          + 8 + 8 + 4 + 4 + 4L * (intArrays + longArrays);
      Arrays result = new Arrays(new int[intArrays][], new long[longArrays][]);
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < intArrays; i++) {
        result.ints[i] = new int[intLengths[i]];
        position = readInts(ch, position, buffer, result.ints[i]);
      }
      for (int i = 0; i < longArrays; i++) {
        result.longs[i] = new long[longLengths[i]];
        position = readLongs(ch, position, buffer, result.longs[i]);
      }
      if (position != ch.size()) {
        return null;
      }
      return result;
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable index cache {}: {}", cache, e.toString());
      return null;
    }
  }

  private static long readInts(FileChannel ch, long position, ByteBuffer buffer, int[] target)
      throws IOException {
    int done = 0;
    while (done < target.length) {
      buffer.clear();
      buffer.limit(Math.min(buffer.capacity(), (target.length - done) * 4));
      position = fill(ch, position, buffer);
      int n = buffer.remaining() / 4;
      buffer.asIntBuffer().get(target, done, n);
      done += n;
    }
    return position;
  }

  private static long readLongs(FileChannel ch, long position, ByteBuffer buffer, long[] target)
      throws IOException {
    int done = 0;
    while (done < target.length) {
      buffer.clear();
      buffer.limit(Math.min(buffer.capacity(), (target.length - done) * 8));
      position = fill(ch, position, buffer);
      int n = buffer.remaining() / 8;
      buffer.asLongBuffer().get(target, done, n);
      done += n;
    }
    return position;
  }

  private static long fill(FileChannel ch, long position, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      int read = ch.read(buffer, position);
      if (read < 0) {
        throw new IOException("cache file truncated");
      }
      position += read;
    }
    buffer.flip();
    return position;
  }

  /** Writes a cache; on failure (read-only folder) logs and returns false. */
  static boolean write(Path cache, String kind, SourceStamp stamp, Arrays arrays) {
    Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp" + ProcessHandle.current().pid());
    try {
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(kind);
        out.writeLong(stamp.size());
        out.writeLong(stamp.mtimeMillis());
        out.writeInt(arrays.ints.length);
        out.writeInt(arrays.longs.length);
        for (int[] a : arrays.ints) {
          out.writeInt(a.length);
        }
        for (long[] a : arrays.longs) {
          out.writeInt(a.length);
        }
        out.flush();
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] a : arrays.ints) {
          for (int done = 0; done < a.length; ) {
            buffer.clear();
            int n = Math.min(buffer.capacity() / 4, a.length - done);
            buffer.asIntBuffer().put(a, done, n);
            buffer.limit(n * 4);
            drain(ch, buffer);
            done += n;
          }
        }
        for (long[] a : arrays.longs) {
          for (int done = 0; done < a.length; ) {
            buffer.clear();
            int n = Math.min(buffer.capacity() / 8, a.length - done);
            buffer.asLongBuffer().put(a, done, n);
            buffer.limit(n * 8);
            drain(ch, buffer);
            done += n;
          }
        }
      }
      try {
        Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      LOG.warn("cannot write index cache {} ({}); the index stays in memory only", cache, e.toString());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing more to do
      }
      return false;
    }
  }

  private static void drain(FileChannel ch, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      ch.write(buffer);
    }
  }

  /** The arrays a cache holds. */
  record Arrays(int[][] ints, long[][] longs) {}
}
