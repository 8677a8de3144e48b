package io.polyret.core.train;

import io.polyret.models.encoder.EncoderVariables;
import java.io.IOException;
import org.tensorflow.Session;

/**
 * Sets the encoder's starting weights of a fresh run, after the seeded random initialisation has
 * run (e.g. assigning a pre-trained checkpoint's tensors). Not called when a run resumes.
 */
@FunctionalInterface
public interface WeightsInitializer {

  /** Keeps the seeded random initialisation. */
  WeightsInitializer RANDOM = (session, variables) -> {};

  void initialize(Session session, EncoderVariables variables) throws IOException;
}
