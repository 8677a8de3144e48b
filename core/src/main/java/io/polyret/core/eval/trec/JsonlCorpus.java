package io.polyret.core.eval.trec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Streams a corpus of JSON lines ({@code {"docid", "title", "text"}}, MIRACL's format), plain or
 * gzip-compressed ({@code .gz}), over one or more files, in chunks: the whole corpus never sits in
 * memory. Duplicate docids are an error naming both places.
 */
public final class JsonlCorpus implements Closeable {
  /** One passage. */
  public record Document(String docid, String title, String text) {
    /** Text to encode: title and text separated by a space (title omitted when empty). */
    public String contents() {
      return title == null || title.isEmpty() ? text : title + " " + text;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> files;
  private int fileIndex = -1;
  private BufferedReader reader;
  private int lineNo;
  private int documents;
  /** 64-bit docid hash -> (file index << 32 | line) of its first occurrence. */
  private final LongLongMap seen = new LongLongMap();

  /** A corpus over {@code files}, read in order. */
  public JsonlCorpus(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no corpus files given");
    }
    this.files = List.copyOf(files);
  }

  /** Documents read so far. */
  public int documentsRead() {
    return documents;
  }

  /**
   * Up to {@code max} next documents; an empty list at the end.
   *
   * @throws IllegalArgumentException naming file and line for invalid JSON, a missing docid or
   *     text, or a duplicate docid
   */
  public List<Document> next(int max) throws IOException {
    List<Document> out = new ArrayList<>(Math.min(max, 4096));
    while (out.size() < max) {
      if (reader == null && !openNext()) {
        break;
      }
      String line = reader.readLine();
      if (line == null) {
        reader.close();
        reader = null;
        continue;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Document d = parse(line);
      checkUnique(d.docid());
      out.add(d);
      documents++;
    }
    return out;
  }

  private boolean openNext() throws IOException {
    if (fileIndex + 1 >= files.size()) {
      return false;
    }
    fileIndex++;
    lineNo = 0;
    reader = open(files.get(fileIndex));
    return true;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private String where() {
    return files.get(fileIndex) + ":" + lineNo;
  }

  private Document parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where() + ": invalid JSON: " + e.getOriginalMessage());
    }
    JsonNode id = node.get("docid");
    JsonNode text = node.get("text");
    if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
      throw new IllegalArgumentException(where() + ": missing field 'docid'");
    }
    if (text == null || !text.isTextual()) {
      throw new IllegalArgumentException(where() + ": missing text field 'text' (docid '"
          + id.asText() + "')");
    }
    JsonNode title = node.get("title");
    return new Document(id.asText(), title == null || title.isNull() ? "" : title.asText(),
        text.asText());
  }

  private void checkUnique(String docid) throws IOException {
    long h = hash64(docid);
    long first = seen.putIfAbsent(h, ((long) fileIndex << 32) | lineNo);
    if (first < 0) {
      return;
    }
    // Same hash: confirm by reading the first occurrence (only on this rare path).
    int firstFile = (int) (first >>> 32);
    int firstLine = (int) first;
    String other = docidAt(files.get(firstFile), firstLine);
    if (docid.equals(other)) {
      throw new IllegalArgumentException(where() + ": duplicate docid '" + docid
          + "' (first at " + files.get(firstFile) + ":" + firstLine + ")");
    }
  }

  private static String docidAt(Path file, int line) throws IOException {
    try (BufferedReader r = open(file)) {
      String s = null;
      for (int i = 0; i < line; i++) {
        s = r.readLine();
      }
      return s == null ? null : JSON.readTree(s).path("docid").asText();
    }
  }

  /** FNV-1a over UTF-16 code units, 64 bits: 8 bytes per docid instead of the string. */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
