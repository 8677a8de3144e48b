package io.polyret.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed safetensors files fail with errors that name the file and the tensor. */
class SafetensorsFileTest {

  @TempDir Path tmp;

  /** Writes a file with the given header length field, header JSON and data bytes. */
  private Path write(String name, long headerLen, String header, int dataBytes) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLen).put(json);
    Path file = tmp.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  private IllegalArgumentException fails(Path file) {
    return assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(file).close());
  }

  @Test
  void absurdHeaderLengthIsRejected() throws IOException {
    String h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    Path file = write("huge.safetensors", 1L << 40, h, 8);
    IllegalArgumentException e = fails(file);
    assertTrue(e.getMessage().contains("header length") && e.getMessage().contains(file.toString()), e.getMessage());
    Path longer = write("longer.safetensors", h.length() + 100, h, 8);
    assertTrue(fails(longer).getMessage().contains("header length"));
  }

  @Test
  void offsetsPastTheEndNameTensorAndFile() throws IOException {
    String h = "{\"embeddings.word_embeddings.weight\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
    Path file = write("short.safetensors", h.length(), h, 8);
    IllegalArgumentException e = fails(file);
    assertTrue(e.getMessage().contains("embeddings.word_embeddings.weight") && e.getMessage().contains(file.toString())
        && e.getMessage().contains("past the end"), e.getMessage());
  }

  @Test
  void shapeThatDisagreesWithTheByteSpanIsRejected() throws IOException {
    String h = "{\"x\":{\"dtype\":\"F16\",\"shape\":[3,2],\"data_offsets\":[0,8]}}";
    IllegalArgumentException e = fails(write("span.safetensors", h.length(), h, 8));
    assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("12 bytes") && e.getMessage().contains("8"),
        e.getMessage());
  }

  @Test
  void invalidJsonAndUnsupportedDtypes() throws IOException {
    String bad = "{\"x\": [1,";
    assertTrue(fails(write("bad.safetensors", bad.length(), bad, 0)).getMessage().contains("not valid JSON"));
    String ints = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
    try (SafetensorsFile f = SafetensorsFile.open(write("ints.safetensors", ints.length(), ints, 8))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.readFloats("ids"));
      assertTrue(e.getMessage().contains("I64") && e.getMessage().contains("'ids'"), e.getMessage());
    }
  }

  @Test
  void halfPrecisionConversionIsExact() {
    assertEquals(1.0f, SafetensorsFile.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, SafetensorsFile.halfToFloat((short) 0xc000));
    assertEquals(65504f, SafetensorsFile.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, SafetensorsFile.halfToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, SafetensorsFile.halfToFloat((short) 0x7c00));
    assertTrue(Float.isNaN(SafetensorsFile.halfToFloat((short) 0x7e00)));
    assertEquals(0.333251953125f, SafetensorsFile.halfToFloat((short) 0x3555));
  }
}
