package io.polyret.core.pipeline;

import io.polyret.reports.model.DatasetRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Content hashes of data files and folders (for provenance), and small file helpers. */
final class DataFiles {
  private DataFiles() {}

  /**
   * SHA-256 of a file's bytes; of a folder, SHA-256 over the sorted lines {@code relative-path
   * sha256-of-file}, so a folder's hash changes when any file in it changes.
   */
  static String sha256(Path path) {
    try {
      if (Files.isRegularFile(path)) {
        return fileHash(path);
      }
      MessageDigest digest = digest();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String rel = path.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith(".") || rel.contains("/.")) {
          continue; // caches written beside the data (mMARCO indexes) are not the data
        }
        digest.update((rel + " " + fileHash(f) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + path, e);
    }
  }

  /** A provenance entry for a dataset. */
  static DatasetRef ref(String name, Path path) {
    return new DatasetRef(name, path.toString(), sha256(path));
  }

  private static String fileHash(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Writes text to a temporary file beside {@code file}, then renames it over {@code file}. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes a file or a folder with everything in it; nothing if absent. */
  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }
}
