package io.polyret.core.sampling;

/**
 * A deterministic source of training batches: the sequence of batches is a pure function of the
 * seed it was built with and of the position in it, so a resumed run sees the same batches.
 *
 * <p>Not thread-safe: one trainer draws from one sampler.
 */
public interface BatchSampler {

  /** Exact number of batches in one epoch, known up front. */
  long batchesPerEpoch();

  /** The next batch; epochs follow each other without end. */
  Batch next();

  /**
   * The position in the batch sequence, as an opaque JSON-serialisable state that a checkpoint
   * stores.
   */
  SamplerState state();

  /** Moves to a position returned by {@link #state()} of a sampler built with the same inputs. */
  void restore(SamplerState state);
}
