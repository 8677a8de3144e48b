package io.polyret.models.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * One {@code .safetensors} file: an 8-byte little-endian header length {@code N}, {@code N} bytes of
 * JSON ({@code name -> {dtype, shape, data_offsets}}, plus {@code __metadata__}), then the raw
 * little-endian tensor bytes.
 *
 * <p>The header is read and validated on {@link #open}; tensor data is streamed one tensor at a
 * time, in small chunks, straight into native TensorFlow memory, so reading a checkpoint needs
 * almost no Java heap whatever its size. F32, F16 and BF16 (and F64) convert to float32.
 */
public final class SafetensorsFile implements AutoCloseable {

  /** Headers larger than this are rejected as corrupt (real ones are well under 10 MB). */
  public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK_BYTES = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(Path path, FileChannel channel, long dataStart,
      Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens a file and validates its header: header length, every entry's dtype, shape and offsets.
   *
   * @throws IllegalArgumentException naming the file (and the tensor) when the file is malformed
   */
  public static SafetensorsFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < 8) {
        throw new IllegalArgumentException(path + ": not a safetensors file (" + size + " bytes, no header length)");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lenBuf, 0);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
        throw new IllegalArgumentException(path + ": corrupt safetensors header length " + headerLen
            + " (file has " + size + " bytes; the limit is " + MAX_HEADER_BYTES + ")");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLen);
      readFully(channel, header, 8);
      JsonNode root;
      try {
        root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8).trim());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(path + ": safetensors header is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(path + ": safetensors header is not a JSON object");
      }
      long dataStart = 8 + headerLen;
      long dataBytes = size - dataStart;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        tensors.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue(), dataBytes));
      }
      return new SafetensorsFile(path, channel, dataStart,
          Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TensorInfo parseEntry(Path path, String name, JsonNode n, long dataBytes) {
    String where = path + ": tensor '" + name + "'";
    if (!n.isObject() || !n.path("dtype").isTextual() || !n.path("shape").isArray()
        || !n.path("data_offsets").isArray() || n.path("data_offsets").size() != 2) {
      throw new IllegalArgumentException(where + ": entry needs dtype, shape and data_offsets [begin, end], got " + n);
    }
    String dtype = n.get("dtype").asText();
    long[] shape = new long[n.get("shape").size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = n.get("shape").get(i);
      if (!d.canConvertToLong() || d.asLong() < 0) {
        throw new IllegalArgumentException(where + ": invalid shape " + n.get("shape"));
      }
      shape[i] = d.asLong();
      elements = Math.multiplyExact(elements, shape[i]);
    }
    long begin = n.get("data_offsets").get(0).asLong(-1);
    long end = n.get("data_offsets").get(1).asLong(-1);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(where + ": invalid data_offsets " + n.get("data_offsets"));
    }
    if (end > dataBytes) {
      throw new IllegalArgumentException(where + ": data_offsets " + n.get("data_offsets")
          + " go past the end of the file (its data section has " + dataBytes + " bytes)");
    }
    int width = elementBytes(dtype);
    if (width > 0 && Math.multiplyExact(elements, width) != end - begin) {
      throw new IllegalArgumentException(where + ": shape " + n.get("shape") + " x " + dtype + " ("
          + width + " bytes) needs " + elements * width + " bytes but data_offsets span " + (end - begin));
    }
    return new TensorInfo(name, dtype, Shape.of(shape), begin, end);
  }

  /** Bytes per element of a safetensors dtype, or -1 when unknown. */
  static int elementBytes(String dtype) {
    switch (dtype) {
      case "F64": case "I64": case "U64":
        return 8;
      case "F32": case "I32": case "U32":
        return 4;
      case "F16": case "BF16": case "I16": case "U16":
        return 2;
      case "I8": case "U8": case "BOOL": case "F8_E4M3": case "F8_E5M2":
        return 1;
      default:
        return -1;
    }
  }

  /** The file this reads. */
  public Path path() {
    return path;
  }

  /** Tensor names, in header order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** The {@code __metadata__} entries (often just {@code format: pt}). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The header entry of one tensor. */
  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
    }
    return t;
  }

  /**
   * Reads one tensor as a new float32 TensorFlow tensor (the caller closes it). Only this tensor's
   * bytes are read, a chunk at a time.
   */
  public TFloat32 readFloat32(String name) throws IOException {
    TensorInfo t = info(name);
    requireFloat(t);
    TFloat32 out = TFloat32.tensorOf(t.shape());
    try {
      readInto(t, out.asRawTensor().data().asFloats());
      return out;
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Reads one (small) tensor into a Java array, converted to float32. */
  public float[] readFloats(String name) throws IOException {
    TensorInfo t = info(name);
    requireFloat(t);
    long n = t.shape().size();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(path + ": tensor '" + name + "' is too large for a Java array");
    }
    float[] out = new float[(int) n];
    readInto(t, org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  private void requireFloat(TensorInfo t) {
    if (!t.dtype().equals("F32") && !t.dtype().equals("F16") && !t.dtype().equals("BF16")
        && !t.dtype().equals("F64")) {
      throw new IllegalArgumentException(path + ": tensor '" + t.name() + "' has dtype " + t.dtype()
          + "; supported: [F32, F16, BF16, F64]");
    }
  }

  private void readInto(TensorInfo t, FloatDataBuffer dst) throws IOException {
    int width = elementBytes(t.dtype());
    long total = t.end() - t.begin();
    int chunkBytes = (CHUNK_BYTES / 8) * 8; // a multiple of every element width
    ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(chunkBytes, Math.max(total, 8)))
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] floats = new float[buf.capacity() / width];
    long done = 0;
    long element = 0;
    while (done < total) {
      int want = (int) Math.min(buf.capacity(), total - done);
      buf.clear().limit(want);
      readFully(channel, buf, dataStart + t.begin() + done);
      buf.flip();
      int count = want / width;
      switch (t.dtype()) {
        case "F32":
          buf.asFloatBuffer().get(floats, 0, count);
          break;
        case "F64":
          for (int i = 0; i < count; i++) {
            floats[i] = (float) buf.getDouble(i * 8);
          }
          break;
        case "F16":
          for (int i = 0; i < count; i++) {
            floats[i] = halfToFloat(buf.getShort(i * 2));
          }
          break;
        case "BF16":
          for (int i = 0; i < count; i++) {
            floats[i] = Float.intBitsToFloat((buf.getShort(i * 2) & 0xffff) << 16);
          }
          break;
        default:
          throw new IllegalStateException(t.dtype());
      }
      dst.offset(element).write(floats, 0, count);
      element += count;
      done += want;
    }
  }

  /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal half: value = mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new EOFException("unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * One header entry.
   *
   * @param begin offset of the first byte, relative to the data section
   * @param end offset one past the last byte
   */
  public record TensorInfo(String name, String dtype, Shape shape, long begin, long end) {}
}
