package io.polyret.core.model;

import io.polyret.models.tokenizer.EncodedBatch;

/**
 * Token ids of a batch of triplets, ready to feed a {@link DualEncoder}.
 *
 * @param queries one row per triplet
 * @param passages the positives (one per triplet, in triplet order) followed by every hard negative
 */
public record EncodedTriplets(EncodedBatch queries, EncodedBatch passages) {

  public EncodedTriplets {
    if (queries.size() < 1 || passages.size() < queries.size()) {
      throw new IllegalArgumentException(
          "a batch needs >= 1 query and at least one passage per query, got " + queries.size() + " queries and "
              + passages.size() + " passages");
    }
  }

  /** Number of triplets (queries). */
  public int size() {
    return queries.size();
  }

  /** Number of hard negatives in the batch. */
  public int negatives() {
    return passages.size() - queries.size();
  }
}
