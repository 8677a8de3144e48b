package io.polyret.core.train;

import java.util.Arrays;
import java.util.Locale;

/** The shape of the learning-rate schedule. */
public enum ScheduleKind {
  /** The peak rate at every step. */
  CONSTANT("constant"),
  /** Linear warm-up from 0 to the peak, then linear decay towards 0 at the last step. */
  LINEAR("linear");

  private final String id;

  ScheduleKind(String id) {
    this.id = id;
  }

  /** The name used in configs. */
  public String id() {
    return id;
  }

  /** Parses a config name; throws {@link IllegalArgumentException} quoting it and the valid names. */
  public static ScheduleKind parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (ScheduleKind k : values()) {
        if (k.id.equals(n)) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException(
        "schedule '" + name + "' is unknown; valid: " + Arrays.stream(values()).map(ScheduleKind::id).toList());
  }
}
