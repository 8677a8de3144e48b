package io.polyret.reports.model;

import java.util.Map;

/**
 * One {@code "type":"train"} line of the training log.
 *
 * @param step global step, from 1
 * @param epoch epoch the step belongs to
 * @param loss training loss of the batch; NaN or infinite when the run diverged (kept, so the
 *     report can show where)
 * @param lr learning rate used for the step
 * @param gradNorm global gradient norm before clipping; null if not logged; may be non-finite
 * @param examplesPerS throughput; null if not logged
 * @param elapsedS seconds since training started; null if not logged
 * @param batchKind {@code MONOLINGUAL}, {@code CROSS_LINGUAL} or {@code PLAIN}
 * @param dataset dataset the batch was drawn from; null if not logged
 * @param queryLanguages number of queries per language in the batch
 * @param passageLanguages number of passages per language in the batch
 */
public record TrainStep(
    long step,
    int epoch,
    double loss,
    double lr,
    Double gradNorm,
    Double examplesPerS,
    Double elapsedS,
    String batchKind,
    String dataset,
    Map<String, Integer> queryLanguages,
    Map<String, Integer> passageLanguages) {

  /** Validates and copies. */
  public TrainStep {
    // Loss and gradient norm are what a diverging run gets wrong: non-finite values are data here.
    Checks.requireFinite(lr, "lr");
    Checks.requireFiniteOrNull(examplesPerS, "examples_per_s");
    Checks.requireFiniteOrNull(elapsedS, "elapsed_s");
    Checks.requireText(batchKind, "batch_kind");
    queryLanguages = Checks.copyCountMap(queryLanguages, "query_languages");
    passageLanguages = Checks.copyCountMap(passageLanguages, "passage_languages");
  }
}
