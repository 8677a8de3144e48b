package io.polyret.core.sampling;

import java.util.List;

/**
 * One training example as it enters a batch: a query, its positive passage and optional hard
 * negatives, with the languages they were drawn in.
 *
 * @param exampleId id shared by the example's translations
 * @param queryLanguage language of the query
 * @param passageLanguage language of the positive and of the negatives
 * @param query query text (without prefix)
 * @param positive positive passage text (without prefix)
 * @param negatives hard-negative passage texts, possibly empty
 */
public record Triplet(
    String exampleId,
    String queryLanguage,
    String passageLanguage,
    String query,
    String positive,
    List<String> negatives) {

  public Triplet {
    negatives = List.copyOf(negatives);
  }
}
