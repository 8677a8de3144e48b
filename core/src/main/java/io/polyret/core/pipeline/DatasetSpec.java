package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * One training dataset of a job: where it is, its layout, and optionally its name and sampling
 * weight. JSON: {@code {"path": "...", "format": "jsonl", "name": "...", "weight": 2.0}}, only
 * {@code path} required.
 *
 * @param path file or folder; must exist
 * @param format layout ({@link DatasetFormat#AUTO} detects it)
 * @param name dataset name for logs and weights; null: the reader's default (file name)
 * @param weight relative sampling weight; null: proportional to size (method.md, section 3)
 */
public record DatasetSpec(Path path, DatasetFormat format, String name, Double weight) {

  private static final Set<String> FIELDS = Set.of("path", "format", "name", "weight");

  /** Validates: the path exists, the weight (when given) is positive and finite. */
  public DatasetSpec {
    if (path == null) {
      throw new IllegalArgumentException("a dataset needs a path");
    }
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("dataset path does not exist: " + path);
    }
    format = format == null ? DatasetFormat.AUTO : format;
    if (name != null && name.isBlank()) {
      throw new IllegalArgumentException("blank name for dataset " + path);
    }
    if (weight != null && !(weight > 0 && !weight.isInfinite())) {
      throw new IllegalArgumentException("weight of dataset " + path + " must be a positive number: " + weight);
    }
  }

  /** A dataset whose layout is detected, named by its reader, weighted by size. */
  public static DatasetSpec of(Path path) {
    return new DatasetSpec(path, DatasetFormat.AUTO, null, null);
  }

  /** Reads a JSON string (a path) or object. */
  static DatasetSpec fromJson(JsonNode node) {
    if (node.isTextual()) {
      return of(Path.of(node.asText()));
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("an entry must be a path or an object, got " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "' in " + node + "; known: " + FIELDS);
      }
    }
    if (!node.hasNonNull("path")) {
      throw new IllegalArgumentException("entry without path: " + node);
    }
    JsonNode weight = node.get("weight");
    if (weight != null && !weight.isNull() && !weight.isNumber()) {
      throw new IllegalArgumentException("weight must be a number: " + weight);
    }
    return new DatasetSpec(
        Path.of(node.get("path").asText()),
        DatasetFormat.parse(node.hasNonNull("format") ? node.get("format").asText() : null),
        node.hasNonNull("name") ? node.get("name").asText() : null,
        weight == null || weight.isNull() ? null : weight.asDouble());
  }

  /** The JSON object of this entry. */
  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("path", path.toString());
    n.put("format", format.id());
    if (name != null) {
      n.put("name", name);
    }
    if (weight != null) {
      n.put("weight", weight);
    }
    return n;
  }
}
