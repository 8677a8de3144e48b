package io.polyret.core.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param stepsCompleted total steps of the run (including those before a resume)
 * @param lastLoss training loss of the last step, NaN if no step ran in this session
 * @param bestValidationLoss lowest validation loss, NaN without validation
 * @param bestStep step of the best validation, -1 without validation
 * @param bestCheckpoint directory of the best checkpoint, or of the last one without validation
 * @param lastCheckpoint directory of the last checkpoint
 * @param stoppedEarly true when early stopping ended the run
 * @param log the training log file
 */
public record TrainingResult(
    long stepsCompleted,
    double lastLoss,
    double bestValidationLoss,
    long bestStep,
    Path bestCheckpoint,
    Path lastCheckpoint,
    boolean stoppedEarly,
    Path log) {}
