package io.polyret.core.device;

import java.util.Locale;

/** Which device a run asks for: {@code cpu}, {@code gpu} (fail when none is usable) or {@code auto}. */
public enum DeviceKind {
  /** Run on the CPU even when a GPU is usable. */
  CPU,
  /** Run on the GPU; fail loudly with the reason when no GPU can be used. */
  GPU,
  /** Use the GPU when one is usable, else the CPU, and log why. */
  AUTO;

  /** The lowercase name used in configs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code cpu}, {@code gpu} or {@code auto} (any case).
   *
   * @throws IllegalArgumentException quoting the value when it is none of these
   */
  public static DeviceKind parse(String value) {
    if (value != null) {
      for (DeviceKind k : values()) {
        if (k.id().equalsIgnoreCase(value.trim())) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException("device must be one of cpu, gpu, auto; got '" + value + "'");
  }
}
