package io.polyret.core.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-disk cache of encoded text lists, keyed by a SHA-256 over the encoder's fingerprint, the
 * prefix, the max length and every text: a changed model or changed data never hits a stale entry.
 * Files hold a small header and little-endian floats; they are written atomically.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int MAGIC = 0x50524554; // "PRET"
  private static final int VERSION = 1;

  private final Path directory;

  /** A cache in {@code directory} (created on first write). */
  public EmbeddingCache(Path directory) {
    this.directory = directory;
  }

  /**
   * Embeddings of {@code prefix + text} for each text, from the cache when present, else encoded
   * with {@link BatchedEncoding} and stored.
   */
  public float[] encode(TextEncoder encoder, List<String> texts, String prefix, int maxLength,
      int batchSize) throws IOException {
    String key = key(encoder.fingerprint(), prefix, maxLength, texts);
    Path file = directory.resolve(key + ".emb");
    int dim = encoder.dimension();
    if (Files.isRegularFile(file)) {
      float[] cached = read(file, texts.size(), dim);
      if (cached != null) {
        return cached;
      }
      LOG.warn("ignoring unreadable embedding cache entry {}", file);
    }
    float[] out = BatchedEncoding.encode(encoder, texts, prefix, maxLength, batchSize);
    write(file, out, texts.size(), dim);
    return out;
  }

  /** The cache key of a text list. */
  static String key(String fingerprint, String prefix, int maxLength, List<String> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, fingerprint);
      update(sha, prefix);
      update(sha, Integer.toString(maxLength));
      update(sha, Integer.toString(texts.size()));
      for (String t : texts) {
        update(sha, t);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
    sha.update(b);
  }

  private static float[] read(Path file, int rows, int dim) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.LITTLE_ENDIAN);
      if (header.remaining() < 16 || header.getInt() != MAGIC || header.getInt() != VERSION
          || header.getInt() != rows || header.getInt() != dim) {
        return null;
      }
      byte[] body = in.readNBytes(rows * dim * 4);
      if (body.length != rows * dim * 4) {
        return null;
      }
      float[] out = new float[rows * dim];
      ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
  }

  private void write(Path file, float[] values, int rows, int dim) throws IOException {
    Files.createDirectories(directory);
    Path tmp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ByteBuffer b = ByteBuffer.allocate(16 + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(MAGIC).putInt(VERSION).putInt(rows).putInt(dim);
      b.asFloatBuffer().put(values);
      out.write(b.array());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
