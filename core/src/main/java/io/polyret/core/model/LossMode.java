package io.polyret.core.model;

import java.util.Arrays;
import java.util.Locale;

/** Which passages make up the softmax denominator of a query (method.md, section 2). */
public enum LossMode {
  /** The query's own positive plus every hard negative of the batch (the paper's formula). */
  PAPER("paper"),
  /** Every positive and every hard negative of the batch (DPR-style in-batch negatives). */
  IN_BATCH("in-batch");

  private final String id;

  LossMode(String id) {
    this.id = id;
  }

  /** The name used in configs: {@code paper} or {@code in-batch}. */
  public String id() {
    return id;
  }

  /** Parses a config name; throws {@link IllegalArgumentException} quoting it and the valid names. */
  public static LossMode parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (LossMode m : values()) {
        if (m.id.equals(n)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "loss '" + name + "' is unknown; valid: " + Arrays.stream(values()).map(LossMode::id).toList());
  }
}
