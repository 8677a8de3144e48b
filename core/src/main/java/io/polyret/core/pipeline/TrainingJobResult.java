package io.polyret.core.pipeline;

import io.polyret.core.train.TrainingResult;
import java.nio.file.Path;

/**
 * What a {@link TrainingJob} produced.
 *
 * @param training how the trainer's run ended (steps, losses, best and last checkpoint, log file)
 * @param languages languages seen per batch kind over the whole run
 * @param model the exported model folder; null when {@code exportModel} was off
 * @param summaryFile the {@value TrainingJob#SUMMARY_FILE} written into the output folder
 */
public record TrainingJobResult(
    TrainingResult training, BatchLanguageSummary languages, Path model, Path summaryFile) {}
