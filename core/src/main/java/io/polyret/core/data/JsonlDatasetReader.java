package io.polyret.core.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads polyret's own JSON-lines format of parallel data (documented in {@code
 * src/site/markdown/data-formats.md}): one JSON object per line,
 *
 * <pre>{"id": "q17", "lang": "de", "query": "...", "positive": "...", "negatives": ["...", "..."]}</pre>
 *
 * one line per example and language; lines with the same {@code id} are translations of each
 * other. {@code negatives} is optional. Blank lines are ignored.
 *
 * <p>Malformed JSON, a missing or mistyped field, a malformed language code or the same {@code
 * (id, lang)} twice fail with the file and line; nothing is returned then. A line whose query or
 * positive is empty is skipped, an empty negative dropped; both are counted in the summary.
 */
public final class JsonlDatasetReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonlDatasetReader() {}

  /** Reads a file; the dataset is named after the file without its extension. */
  public static InMemoryParallelDataset read(Path file) {
    String fileName = file.getFileName().toString();
    int dot = fileName.indexOf('.');
    return read(file, dot > 0 ? fileName.substring(0, dot) : fileName);
  }

  /** Reads a file into a dataset of the given name. */
  public static InMemoryParallelDataset read(Path file, String name) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("JSON-lines dataset file not found: " + file);
    }
    InMemoryParallelDataset.Builder builder = new InMemoryParallelDataset.Builder(name);
    LoadSummary.Builder summary = new LoadSummary.Builder(file.toString());
    Map<String, Long> firstLine = new HashMap<>();
    long lineNumber = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        readLine(file, lineNumber, line, builder, summary, firstLine);
      }
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, lineNumber + 1, 0, "not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (firstLine.isEmpty()) {
      throw new DataFormatException(file, "no examples (empty file or every line skipped)");
    }
    return builder.summary(summary.build()).build();
  }

  private static void readLine(
      Path file, long lineNumber, String line, InMemoryParallelDataset.Builder builder,
      LoadSummary.Builder summary, Map<String, Long> firstLine) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new DataFormatException(
          file, lineNumber, loc == null ? 0 : loc.getColumnNr(), "malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new DataFormatException(file, lineNumber, 1, "expected a JSON object per line");
    }
    String id = id(file, lineNumber, node);
    String lang = string(file, lineNumber, node, "lang");
    if (!LanguageCodes.isCode(lang)) {
      throw new DataFormatException(
          file, lineNumber, 0, "field 'lang': not a lower-case language code: '" + lang + "'");
    }
    String query = string(file, lineNumber, node, "query");
    String positive = string(file, lineNumber, node, "positive");
    List<String> negatives = new ArrayList<>();
    JsonNode negs = node.get("negatives");
    if (negs != null && !negs.isNull()) {
      if (!negs.isArray()) {
        throw new DataFormatException(file, lineNumber, 0, "field 'negatives': expected an array of strings");
      }
      for (int i = 0; i < negs.size(); i++) {
        if (!negs.get(i).isTextual()) {
          throw new DataFormatException(
              file, lineNumber, 0, "field 'negatives[" + i + "]': expected a string, found " + negs.get(i));
        }
        if (negs.get(i).asText().isBlank()) {
          summary.skipped("empty negative (" + lang + ")");
        } else {
          negatives.add(negs.get(i).asText());
        }
      }
    }
    String key = id + "\u0000" + lang;
    Long seen = firstLine.putIfAbsent(key, lineNumber);
    if (seen != null) {
      throw new DataFormatException(
          file, lineNumber, 0, "duplicate id '" + id + "' in language " + lang + " (first at line " + seen + ")");
    }
    if (query.isBlank()) {
      summary.skipped("empty query (" + lang + ")");
      return;
    }
    if (positive.isBlank()) {
      summary.skipped("empty positive (" + lang + ")");
      return;
    }
    builder.add(id, lang, new ExampleText(query, positive, negatives));
    summary.kept(lang);
  }

  private static String id(Path file, long lineNumber, JsonNode node) {
    JsonNode id = node.get("id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()) {
      throw new DataFormatException(
          file, lineNumber, 0, "field 'id': missing, empty or not a string/integer" + (id == null ? "" : ": " + id));
    }
    return id.asText();
  }

  private static String string(Path file, long lineNumber, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new DataFormatException(
          file, lineNumber, 0, "field '" + field + "': missing or not a string" + (value == null ? "" : ": " + value));
    }
    return value.asText();
  }
}
