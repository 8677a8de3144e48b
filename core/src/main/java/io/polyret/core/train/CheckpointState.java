package io.polyret.core.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.sampling.SamplerState;

/**
 * What a checkpoint records besides the variables: enough to continue the run exactly.
 *
 * @param step optimisation steps completed
 * @param samplerState position of the sampler after those steps
 * @param bestValidationLoss lowest validation loss so far, NaN when none yet
 * @param bestStep step of that validation, -1 when none
 * @param validationsSinceBest validations since the best one (early-stopping counter)
 * @param elapsedSeconds training time so far, over all sessions of the run
 * @param config the run's training config as JSON
 */
public record CheckpointState(
    long step,
    SamplerState samplerState,
    double bestValidationLoss,
    long bestStep,
    int validationsSinceBest,
    double elapsedSeconds,
    ObjectNode config) {}
