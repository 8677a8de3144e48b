package io.polyret.core.eval.trec;

import io.polyret.core.eval.metrics.Metric;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Result of a TREC-style evaluation, averaged as {@code trec_eval -c} does: over every query of the
 * qrels, a query without a topic (hence without results) counting 0.
 *
 * @param metrics the metrics, in the order of {@code means} and of each per-query array
 * @param means mean of each metric over {@link #queries()} queries
 * @param perQuery per qrels query, its metric values
 * @param queries queries averaged (every qrels query)
 * @param queriesWithoutTopic qrels queries missing from the topics (counted as 0)
 * @param topicsWithoutJudgments topics not in the qrels (not evaluated, as in trec_eval)
 * @param documents corpus documents scored
 * @param unknownJudgedDocuments judged (query, document) pairs whose document is not in the corpus
 */
public record TrecResult(List<Metric> metrics, double[] means, Map<String, double[]> perQuery,
    int queries, int queriesWithoutTopic, int topicsWithoutJudgments, int documents,
    int unknownJudgedDocuments) {

  /** Freezes the collections. */
  public TrecResult {
    metrics = List.copyOf(metrics);
    means = means.clone();
    perQuery = Collections.unmodifiableMap(perQuery);
  }

  /** Mean of one metric. */
  public double mean(Metric metric) {
    int i = metrics.indexOf(metric);
    if (i < 0) {
      throw new IllegalArgumentException("metric " + metric + " not computed (have " + metrics + ")");
    }
    return means[i];
  }
}
