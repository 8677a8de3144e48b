package io.polyret.reports.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the trainer's JSON-lines log ({@code training-log.jsonl}) into a {@link TrainingRecord}.
 *
 * <p>One JSON object per line, told apart by {@code type}:
 *
 * <pre>
 * {"type":"train","step":1,"epoch":0,"loss":2.3,"lr":1e-5,"grad_norm":1.2,"examples_per_s":40.0,
 *  "elapsed_s":0.8,"batch_kind":"MONOLINGUAL","dataset":"demo",
 *  "query_languages":{"de":8},"passage_languages":{"de":8}}
 * {"type":"validation","step":100,"val_loss":1.9,"best":true}
 * {"type":"checkpoint","step":100,"path":"checkpoints/step-100"}
 * </pre>
 *
 * Blank lines are skipped. {@code NaN} and {@code Infinity} (bare or as strings) are read as
 * numbers, so the log of a diverged run can still be shown. Lines of another {@code type} are ignored, so the trainer may log more
 * kinds of events than this reader knows. Fields not listed are ignored. A line that is not JSON,
 * lacks {@code type} or a required field, or has a value of the wrong type is an error naming the
 * file and line.
 */
public final class TrainingLogReader {
  // A diverged run logs NaN or Infinity: as bare tokens or, Jackson's default, as strings.
  private static final com.fasterxml.jackson.databind.ObjectReader LENIENT_NUMBERS =
      Json.MAPPER.reader().with(
          com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private TrainingLogReader() {}

  /** Reads a log; the run is named after the log's parent folder (or the file name). */
  public static TrainingRecord read(Path log) {
    Path parent = log.toAbsolutePath().getParent();
    String name = parent != null && parent.getFileName() != null
        ? parent.getFileName().toString() : log.getFileName().toString();
    return read(log, name);
  }

  /**
   * Reads a log under the given run name.
   *
   * @throws IllegalArgumentException {@code file:line: reason} for the first bad line
   * @throws UncheckedIOException when the file cannot be read
   */
  public static TrainingRecord read(Path log, String runName) {
    List<TrainStep> steps = new ArrayList<>();
    List<ValidationPoint> validations = new ArrayList<>();
    List<CheckpointEntry> checkpoints = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String where = log + ":" + lineNumber;
        try {
          JsonNode node = LENIENT_NUMBERS.readTree(line);
          if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
          }
          switch (text(node, "type", true)) {
            case "train" -> steps.add(trainStep(node));
            case "validation" -> validations.add(new ValidationPoint(
                integer(node, "step"), number(node, "val_loss", true),
                bool(node, "best")));
            case "checkpoint" -> checkpoints.add(
                new CheckpointEntry(integer(node, "step"), text(node, "path", true)));
            default -> { /* another kind of event: not ours to read */ }
          }
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read training log " + log + ": " + e.getMessage(), e);
    }
    return new TrainingRecord(runName, steps, validations, checkpoints);
  }

  private static TrainStep trainStep(JsonNode n) {
    Double loss = number(n, "loss", true);
    Double lr = number(n, "lr", true);
    String kind = text(n, "batch_kind", true);
    if (!TrainingRecord.BATCH_KINDS.contains(kind)) {
      throw new IllegalArgumentException("batch_kind must be one of "
          + TrainingRecord.BATCH_KINDS + ", got '" + kind + "'");
    }
    return new TrainStep(integer(n, "step"), (int) integer(n, "epoch"), loss, lr,
        number(n, "grad_norm", false), number(n, "examples_per_s", false),
        number(n, "elapsed_s", false), kind, text(n, "dataset", false),
        languages(n, "query_languages"), languages(n, "passage_languages"));
  }

  private static final java.util.Set<String> NON_FINITE =
      java.util.Set.of("NaN", "Infinity", "+Infinity", "-Infinity");

  private static JsonNode field(JsonNode n, String name, boolean required) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing field '" + name + "'");
      }
      return null;
    }
    return v;
  }

  private static String text(JsonNode n, String name, boolean required) {
    JsonNode v = field(n, name, required);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' must be a string, got " + v);
    }
    return v.textValue();
  }

  private static Double number(JsonNode n, String name, boolean required) {
    JsonNode v = field(n, name, required);
    if (v == null) {
      return null;
    }
    if (v.isTextual() && NON_FINITE.contains(v.textValue())) {
      return Double.parseDouble(v.textValue());
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("field '" + name + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }

  private static long integer(JsonNode n, String name) {
    JsonNode v = field(n, name, true);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new IllegalArgumentException(
          "field '" + name + "' must be a non-negative integer, got " + v);
    }
    return v.longValue();
  }

  private static boolean bool(JsonNode n, String name) {
    JsonNode v = field(n, name, false);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("field '" + name + "' must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  private static Map<String, Integer> languages(JsonNode n, String name) {
    JsonNode v = field(n, name, false);
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          "field '" + name + "' must be an object {language: count}, got " + v);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isInt() || e.getValue().intValue() < 0) {
        throw new IllegalArgumentException("field '" + name + "." + e.getKey()
            + "' must be a non-negative integer, got " + e.getValue());
      }
      counts.put(e.getKey(), e.getValue().intValue());
    }
    return counts;
  }
}
