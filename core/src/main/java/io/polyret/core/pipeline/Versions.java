package io.polyret.core.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Versions and timestamps recorded in provenance. */
final class Versions {
  /** Used when the classes do not come from a jar with a manifest (e.g. in tests). */
  static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";

  private Versions() {}

  /** polyret's version from the jar manifest, else the development version. */
  static String polyret() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? DEVELOPMENT_VERSION : v;
  }

  /** The TensorFlow runtime's version, or "unknown" when the native library cannot say. */
  static String tensorflow() {
    try {
      return org.tensorflow.TensorFlow.version();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }

  /** Now, ISO-8601, whole seconds. */
  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
