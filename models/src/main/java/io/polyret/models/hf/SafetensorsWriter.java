package io.polyret.models.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes float32 tensors as a {@code .safetensors} file, streaming each tensor's values in chunks
 * from a {@link ValueSource}, so files far larger than the heap can be written. The file appears
 * under its name only when complete (written to a temporary name, then renamed).
 */
public final class SafetensorsWriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK_FLOATS = 1 << 18;

  private SafetensorsWriter() {}

  /** Produces a tensor's values in row-major order, a chunk at a time. */
  @FunctionalInterface
  public interface ValueSource {
    /** Fills {@code chunk[0, count)} with the values at flat positions {@code [offset, offset+count)}. */
    void fill(long offset, float[] chunk, int count);
  }

  /** One tensor to write. */
  public record Entry(String name, long[] shape, ValueSource values) {
    /** Number of elements. */
    public long size() {
      return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** A tensor whose values are given as an array (row-major). */
    public static Entry of(String name, long[] shape, float[] values) {
      Entry e = new Entry(name, shape, (offset, chunk, count) ->
          System.arraycopy(values, (int) offset, chunk, 0, count));
      if (e.size() != values.length) {
        throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
            + " needs " + e.size() + " values, got " + values.length);
      }
      return e;
    }
  }

  /** Writes the entries as F32, in the given order, with {@code metadata} as {@code __metadata__}. */
  public static void write(Path file, List<Entry> entries, Map<String, String> metadata) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    ObjectNode meta = header.putObject("__metadata__");
    metadata.forEach(meta::put);
    long offset = 0;
    for (Entry e : entries) {
      ObjectNode t = header.putObject(e.name());
      t.put("dtype", "F32");
      ArrayNode shape = t.putArray("shape");
      for (long d : e.shape()) {
        shape.add(d);
      }
      long bytes = Math.multiplyExact(e.size(), 4L);
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // keep the data section 8-byte aligned
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      writeFully(ch, len.flip());
      writeFully(ch, ByteBuffer.wrap(headerBytes));
      float[] chunk = new float[CHUNK_FLOATS];
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (Entry e : entries) {
        long n = e.size();
        for (long done = 0; done < n; ) {
          int count = (int) Math.min(CHUNK_FLOATS, n - done);
          e.values().fill(done, chunk, count);
          buf.clear();
          buf.asFloatBuffer().put(chunk, 0, count);
          buf.limit(count * 4);
          writeFully(ch, buf);
          done += count;
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
