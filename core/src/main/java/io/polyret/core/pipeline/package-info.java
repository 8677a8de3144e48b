/**
 * One call per step of the polyret workflow, for Java programs, the command line and the Maven
 * goals: {@link io.polyret.core.pipeline.TrainingJob} (datasets, hybrid batch sampling, trainer,
 * export), {@link io.polyret.core.pipeline.ModelExporter} and {@link
 * io.polyret.core.pipeline.PolyretModel} (exported model folders),
 * {@link io.polyret.core.pipeline.EvaluationJob} ({@code evaluation.json}) and {@link
 * io.polyret.core.pipeline.ReportJob} ({@code report.html}). Configs are immutable, validated on
 * construction, and read from JSON settings with the same names as the command line and the POM.
 */
package io.polyret.core.pipeline;
