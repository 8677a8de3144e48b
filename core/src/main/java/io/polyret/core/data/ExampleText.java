package io.polyret.core.data;

import java.util.List;

/**
 * The texts of one example in one language.
 *
 * @param query the query
 * @param positive the relevant passage
 * @param negatives hard negatives, possibly empty
 */
public record ExampleText(String query, String positive, List<String> negatives) {

  public ExampleText {
    if (query == null || positive == null || negatives == null) {
      throw new IllegalArgumentException("query, positive and negatives must not be null");
    }
    negatives = List.copyOf(negatives);
  }

  /** Texts without hard negatives. */
  public ExampleText(String query, String positive) {
    this(query, positive, List.of());
  }
}
