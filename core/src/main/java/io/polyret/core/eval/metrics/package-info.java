/**
 * Ranking metrics with trec_eval's definitions, computed from the ranks of the relevant documents
 * of a query ({@link io.polyret.core.eval.metrics.RelevantRanks}); see
 * {@link io.polyret.core.eval.metrics.Metric#trecEvalName()} for the matching trec_eval measure.
 */
package io.polyret.core.eval.metrics;
