package io.polyret.models.config;

import com.fasterxml.jackson.databind.JsonNode;

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
    JsonNode v = value(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, got " + v);
    }
    return v.asText();
  }

  /** An integer field that fits a {@code long}. */
  public long longValue(String field, long fallback) {
    JsonNode v = value(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be an integer, got " + v);
    }
    return v.longValue();
  }

  /** An integer field that fits an {@code int}. */
  public int intValue(String field, int fallback) {
    JsonNode v = value(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(field + " must be an integer, got " + v);
    }
    return v.intValue();
  }

  /** A numeric field. */
  public double number(String field, double fallback) {
    JsonNode v = value(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number, got " + v);
    }
    return v.doubleValue();
  }

  /** A boolean field. */
  public boolean bool(String field, boolean fallback) {
    JsonNode v = value(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  private JsonNode value(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }
}
