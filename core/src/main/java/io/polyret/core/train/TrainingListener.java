package io.polyret.core.train;

import java.nio.file.Path;

/**
 * Progress callbacks for front ends (command line, Maven, IDE). Called on the training thread, after
 * the matching log line is written; every method has an empty default.
 */
public interface TrainingListener {

  /** Once before the first step (or the first step after a resume). */
  default void onStart(long firstStep, long totalSteps) {}

  /** After each optimisation step. */
  default void onStep(StepReport report) {}

  /** After each validation. */
  default void onValidation(long step, double validationLoss, boolean best) {}

  /** After each checkpoint is saved. */
  default void onCheckpoint(long step, Path directory) {}

  /** A recoverable problem worth showing (e.g. a corrupted checkpoint skipped on resume). */
  default void onWarning(String message) {}

  /**
   * One training step.
   *
   * @param step 1-based step number
   * @param totalSteps steps of the whole run
   * @param epoch the sampler's epoch of the batch
   * @param loss training loss (with dropout)
   * @param learningRate the rate used
   * @param gradientNorm global gradient norm before clipping
   * @param examplesPerSecond triplets per second of this step
   */
  record StepReport(
      long step, long totalSteps, long epoch, double loss, double learningRate, double gradientNorm,
      double examplesPerSecond) {}
}
