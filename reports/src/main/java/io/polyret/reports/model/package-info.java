/**
 * The result model: what an evaluation run produced ({@link
 * io.polyret.reports.model.EvaluationResult} with benchmarks, settings, provenance and config,
 * read and written as versioned snake_case JSON by {@link
 * io.polyret.reports.model.EvaluationResultJson}) and what a training run logged ({@link
 * io.polyret.reports.model.TrainingRecord}, from the JSON-lines log read by {@link
 * io.polyret.reports.model.TrainingLogReader} and written by {@link
 * io.polyret.reports.model.TrainingLogWriter}). Also the paper's published numbers ({@link
 * io.polyret.reports.model.PaperReferences}).
 */
package io.polyret.reports.model;
