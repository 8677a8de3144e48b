package io.polyret.core.pipeline;

import io.polyret.core.data.DatasetLoader;
import java.nio.file.Path;
import java.util.Locale;

/** Layout of a training dataset, as named in a job config ({@code format} of a dataset entry). */
public enum DatasetFormat {
  /** Recognise the layout from the path ({@link DatasetLoader#detect}). */
  AUTO("auto"),
  /** polyret JSON lines {@code {id, lang, query, positive, negatives}}. */
  JSONL("jsonl"),
  /** A folder of LAReQA {@code {lang}.json} files (question -> gold sentence). */
  LAREQA("lareqa"),
  /** An mMARCO folder ({@code collections/}, queries and id triples). */
  MMARCO("mmarco");

  private final String id;

  DatasetFormat(String id) {
    this.id = id;
  }

  /** The name used in configs. */
  public String id() {
    return id;
  }

  /** Parses {@code auto}, {@code jsonl}, {@code lareqa} or {@code mmarco} (case-insensitive). */
  public static DatasetFormat parse(String text) {
    String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
    for (DatasetFormat f : values()) {
      if (f.id.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException("format must be one of auto, jsonl, lareqa, mmarco: '" + text + "'");
  }

  /** The concrete layout of {@code path}: this one, or the detected one for {@link #AUTO}. */
  DatasetFormat resolve(Path path) {
    if (this != AUTO) {
      return this;
    }
    return switch (DatasetLoader.detect(path)) {
      case JSONL -> JSONL;
      case LAREQA -> LAREQA;
      case MMARCO -> MMARCO;
    };
  }
}
