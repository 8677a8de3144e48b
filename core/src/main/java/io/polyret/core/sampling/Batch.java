package io.polyret.core.sampling;

import java.util.List;

/**
 * A training batch with the labels the training log records.
 *
 * @param kind how the languages were chosen
 * @param dataset name of the dataset the batch was drawn from
 * @param triplets the examples, no example id twice
 */
public record Batch(BatchKind kind, String dataset, List<Triplet> triplets) {

  public Batch {
    triplets = List.copyOf(triplets);
  }

  /** Number of triplets. */
  public int size() {
    return triplets.size();
  }
}
