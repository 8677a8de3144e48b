package io.polyret.core.sampling;

/**
 * Where a sampler stands: the epoch and the number of batches already drawn in it. With the seed
 * and the data, this fixes every batch that follows.
 *
 * @param epoch zero-based epoch
 * @param batchInEpoch number of batches of that epoch already drawn
 */
public record SamplerState(long epoch, long batchInEpoch) {

  public SamplerState {
    if (epoch < 0 || batchInEpoch < 0) {
      throw new IllegalArgumentException(
          "sampler state must not be negative: epoch=" + epoch + ", batchInEpoch=" + batchInEpoch);
    }
  }
}
