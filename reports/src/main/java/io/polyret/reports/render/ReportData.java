package io.polyret.reports.render;

import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.TrainingRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report shows: evaluation runs (in display order) and training records.
 *
 * @param runs evaluation results, one per run; run names must be unique
 * @param training training records, may be empty; run names must be unique
 */
public record ReportData(List<EvaluationResult> runs, List<TrainingRecord> training) {

  /** Validates and copies. */
  public ReportData {
    runs = List.copyOf(runs);
    training = training == null ? List.of() : List.copyOf(training);
    requireUnique(runs.stream().map(EvaluationResult::runName).toList(), "evaluation run");
    requireUnique(training.stream().map(TrainingRecord::runName).toList(), "training run");
    if (runs.isEmpty() && training.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one evaluation or training run");
    }
  }

  private static void requireUnique(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException(what + " name '" + n
            + "' appears twice; give each run a distinct name");
      }
    }
  }

  /** The baseline run's name: the requested one (which must exist) or the first run. */
  String baseline(ReportOptions options) {
    if (options.baselineRun() != null) {
      if (runs.stream().noneMatch(r -> r.runName().equals(options.baselineRun()))) {
        throw new IllegalArgumentException("baseline run '" + options.baselineRun()
            + "' is not among the runs " + runs.stream().map(EvaluationResult::runName).toList());
      }
      return options.baselineRun();
    }
    return runs.isEmpty() ? null : runs.get(0).runName();
  }
}
