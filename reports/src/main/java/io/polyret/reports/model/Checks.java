package io.polyret.reports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation and defensive-copy helpers shared by the result records. */
final class Checks {
  private Checks() {}

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-blank string, got " + quote(value));
    }
    return value;
  }

  static int requireNonNegative(int value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  static double requireFinite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number, got " + value);
    }
    return value;
  }

  static Double requireFiniteOrNull(Double value, String field) {
    if (value != null) {
      requireFinite(value, field);
    }
    return value;
  }

  /** Immutable copy; null becomes empty; null elements are rejected with the field name. */
  static <T> List<T> copyList(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(list);
  }

  /** Immutable copy that keeps the caller's order (output is deterministic if the input is). */
  static <V> Map<String, V> copyMap(Map<String, V> map, String field) {
    if (map == null) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException(field + " has a blank key " + quote(e.getKey()));
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(field + "[" + quote(e.getKey()) + "] must not be null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  static Map<String, Double> copyFiniteMap(Map<String, Double> map, String field) {
    Map<String, Double> copy = copyMap(map, field);
    copy.forEach((k, v) -> requireFinite(v, field + "[" + quote(k) + "]"));
    return copy;
  }

  static Map<String, Integer> copyCountMap(Map<String, Integer> map, String field) {
    Map<String, Integer> copy = copyMap(map, field);
    copy.forEach((k, v) -> requireNonNegative(v, field + "[" + quote(k) + "]"));
    return copy;
  }

  static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
