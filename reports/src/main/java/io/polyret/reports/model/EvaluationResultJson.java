package io.polyret.reports.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link EvaluationResult} as JSON (UTF-8, snake_case, pretty-printed). */
public final class EvaluationResultJson {
  private EvaluationResultJson() {}

  /** The JSON text of a result; the same result always gives the same text. */
  public static String toJson(EvaluationResult result) {
    try {
      return Json.MAPPER.writeValueAsString(result) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise result '" + result.runName() + "'", e);
    }
  }

  /** Writes the result to {@code file} atomically (temporary file, then rename). */
  public static void write(EvaluationResult result, Path file) {
    AtomicFiles.writeString(file, toJson(result));
  }

  /**
   * Reads a result file.
   *
   * @throws IllegalArgumentException naming the file, line and field when the content is not a
   *     valid result or its schema_version is not {@link EvaluationResult#SCHEMA_VERSION}
   * @throws UncheckedIOException when the file cannot be read
   */
  public static EvaluationResult read(Path file) {
    return parse(readText(file), file.toString());
  }

  /**
   * The JSON text of several results: an array of result objects, each with its own
   * schema_version. {@link #readAll} reads it back.
   */
  public static String toJson(List<EvaluationResult> results) {
    try {
      return Json.MAPPER.writeValueAsString(results) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise results", e);
    }
  }

  /** Writes several results as one JSON array, atomically. */
  public static void writeAll(List<EvaluationResult> results, Path file) {
    AtomicFiles.writeString(file, toJson(results));
  }

  /**
   * Reads a file holding one result (an object) or several (an array of objects).
   *
   * @throws IllegalArgumentException naming the file, the array index and the problem
   */
  public static List<EvaluationResult> readAll(Path file) {
    String text = readText(file);
    String source = file.toString();
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(Json.describe(source, e), e);
    }
    if (tree != null && tree.isArray()) {
      List<EvaluationResult> results = new ArrayList<>();
      for (int i = 0; i < tree.size(); i++) {
        results.add(parse(tree.get(i).toString(), source + "[" + i + "]"));
      }
      return List.copyOf(results);
    }
    return List.of(parse(text, source));
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read result file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses JSON text; {@code source} names it in error messages. */
  public static EvaluationResult parse(String json, String source) {
    try {
      JsonNode tree = Json.MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException(source + ": expected a JSON object");
      }
      // Check the version first so an old or new layout gets a clear message, not a field error.
      JsonNode version = tree.get("schema_version");
      if (version == null || !version.isInt()) {
        throw new IllegalArgumentException(source + ": missing or non-integer schema_version"
            + (version == null ? "" : " (got " + version + ")"));
      }
      if (version.intValue() != EvaluationResult.SCHEMA_VERSION) {
        throw new IllegalArgumentException(source + ": schema_version " + version.intValue()
            + " is not supported; this polyret reads schema_version "
            + EvaluationResult.SCHEMA_VERSION);
      }
      return Json.MAPPER.readValue(json, EvaluationResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(Json.describe(source, e), e);
    }
  }
}
