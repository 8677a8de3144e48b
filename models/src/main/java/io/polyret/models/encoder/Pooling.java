package io.polyret.models.encoder;

import java.util.Arrays;
import java.util.Locale;

/** How token states become one sentence vector (before L2 normalisation). */
public enum Pooling {
  /** The first token's state. */
  CLS("cls"),
  /** The mean of the real (non-padding) tokens' states. */
  MEAN("mean"),
  /** The first token's state through a dense layer and tanh (BERT's pooler, as LaBSE uses). */
  POOLER("pooler");

  private final String id;

  Pooling(String id) {
    this.id = id;
  }

  /** The name used in configs: {@code cls}, {@code mean} or {@code pooler}. */
  public String id() {
    return id;
  }

  /** Parses a config name; throws {@link IllegalArgumentException} listing the valid names. */
  public static Pooling parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Pooling p : values()) {
        if (p.id.equals(n)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "pooling '" + name + "' is unknown; valid: " + Arrays.stream(values()).map(Pooling::id).toList());
  }
}
