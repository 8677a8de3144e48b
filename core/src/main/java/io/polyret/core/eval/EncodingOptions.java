package io.polyret.core.eval;

/**
 * How queries and passages are encoded.
 *
 * @param queryPrefix prepended to every query (method default {@code "Query: "}, may be empty)
 * @param passagePrefix prepended to every passage (default {@code "Passage: "})
 * @param queryMaxLength max tokens per query (default 64)
 * @param passageMaxLength max tokens per passage (default 256)
 * @param batchSize texts per encoder call (default 64)
 */
public record EncodingOptions(String queryPrefix, String passagePrefix, int queryMaxLength,
    int passageMaxLength, int batchSize) {

  /** Validates every field. */
  public EncodingOptions {
    if (queryPrefix == null || passagePrefix == null) {
      throw new IllegalArgumentException("prefixes may be empty but not null");
    }
    if (queryMaxLength < 2) {
      throw new IllegalArgumentException("queryMaxLength must be >= 2: " + queryMaxLength);
    }
    if (passageMaxLength < 2) {
      throw new IllegalArgumentException("passageMaxLength must be >= 2: " + passageMaxLength);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    }
  }

  /** The method's defaults. */
  public static EncodingOptions defaults() {
    return new EncodingOptions("Query: ", "Passage: ", 64, 256, 64);
  }
}
