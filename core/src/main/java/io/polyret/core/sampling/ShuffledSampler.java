package io.polyret.core.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain shuffled batches over a fixed list of triplets: each epoch is a fresh permutation drawn from
 * (seed, epoch), cut into {@link #batchesPerEpoch()} full batches (the remainder of a permutation is
 * left out of that epoch, so every batch has the same size). Languages are taken as they are in the
 * triplets; batches are labelled {@link BatchKind#PLAIN}.
 */
public final class ShuffledSampler implements BatchSampler {
  private final String dataset;
  private final List<Triplet> triplets;
  private final int batchSize;
  private final long seed;
  private long epoch;
  private long batchInEpoch;
  private int[] order;

  /**
   * @param dataset name written into each batch (and the training log)
   * @param triplets the examples; at least {@code batchSize}
   * @param batchSize triplets per batch, >= 1
   * @param seed fixes every permutation
   */
  public ShuffledSampler(String dataset, List<Triplet> triplets, int batchSize, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (triplets.size() < batchSize) {
      throw new IllegalArgumentException(
          "dataset '" + dataset + "' has " + triplets.size() + " triplets, fewer than one batch of " + batchSize);
    }
    this.dataset = dataset;
    this.triplets = List.copyOf(triplets);
    this.batchSize = batchSize;
    this.seed = seed;
    restore(new SamplerState(0, 0));
  }

  @Override
  public long batchesPerEpoch() {
    return triplets.size() / batchSize;
  }

  @Override
  public Batch next() {
    if (batchInEpoch == batchesPerEpoch()) {
      epoch++;
      batchInEpoch = 0;
      order = permutation(epoch);
    }
    List<Triplet> batch = new ArrayList<>(batchSize);
    int start = (int) (batchInEpoch * batchSize);
    for (int i = start; i < start + batchSize; i++) {
      batch.add(triplets.get(order[i]));
    }
    batchInEpoch++;
    return new Batch(BatchKind.PLAIN, dataset, batch);
  }

  @Override
  public SamplerState state() {
    return new SamplerState(epoch, batchInEpoch);
  }

  @Override
  public void restore(SamplerState state) {
    if (state.batchInEpoch() > batchesPerEpoch()) {
      throw new IllegalArgumentException(
          "sampler state " + state + " is past the end of an epoch of " + batchesPerEpoch() + " batches");
    }
    epoch = state.epoch();
    batchInEpoch = state.batchInEpoch();
    order = permutation(epoch);
  }

  private int[] permutation(long epochIndex) {
    // A generator per epoch (not one running generator) makes any epoch reachable directly.
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epochIndex);
    int[] p = new int[triplets.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    for (int i = p.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
