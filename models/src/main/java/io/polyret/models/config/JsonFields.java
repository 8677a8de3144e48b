package io.polyret.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Typed, checked reads of the fields of a JSON config object: an absent or null field gives the
 * fallback, a field of the wrong type an {@link IllegalArgumentException} that names the field and
 * quotes the value. Shared by every config that maps a JSON file onto a Java object.
 *
 * @param node the JSON object read from
 */
public record JsonFields(JsonNode node) {

  /** A string field. */
  public String text(String field, String fallback) {
    return read(field, fallback, JsonNode::isTextual, "a string", JsonNode::asText);
  }

  /** An integer field that fits a {@code long}. */
  public long longValue(String field, long fallback) {
    return read(field, fallback, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer",
        JsonNode::longValue);
  }

  /** An integer field that fits an {@code int}. */
  public int intValue(String field, int fallback) {
    return read(field, fallback, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer",
        JsonNode::intValue);
  }

  /** A numeric field. */
  public double number(String field, double fallback) {
    return read(field, fallback, JsonNode::isNumber, "a number", JsonNode::doubleValue);
  }

  /** A boolean field. */
  public boolean bool(String field, boolean fallback) {
    return read(field, fallback, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
  }

  /** The field's value through {@code convert}; the fallback when absent or null; else an error. */
  private <T> T read(
      String field, T fallback, Predicate<JsonNode> accepts, String expected, Function<JsonNode, T> convert) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!accepts.test(v)) {
      throw new IllegalArgumentException(field + " must be " + expected + ", got " + v);
    }
    return convert.apply(v);
  }
}
