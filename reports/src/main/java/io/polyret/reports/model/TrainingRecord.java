package io.polyret.reports.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A training run as recorded in its log: train steps, validations and checkpoints, in log order.
 * Built by {@link TrainingLogReader}.
 *
 * @param runName name shown in reports (by default the log's parent folder name)
 * @param steps train lines
 * @param validations validation lines
 * @param checkpoints checkpoint lines
 */
public record TrainingRecord(
    String runName,
    List<TrainStep> steps,
    List<ValidationPoint> validations,
    List<CheckpointEntry> checkpoints) {

  /** Batch kinds in display order. */
  public static final List<String> BATCH_KINDS = List.of("MONOLINGUAL", "CROSS_LINGUAL", "PLAIN");

  /** Validates and copies. */
  public TrainingRecord {
    Checks.requireText(runName, "run name");
    steps = Checks.copyList(steps, "steps");
    validations = Checks.copyList(validations, "validations");
    checkpoints = Checks.copyList(checkpoints, "checkpoints");
  }

  /** Same record under another name. */
  public TrainingRecord withRunName(String name) {
    return new TrainingRecord(name, steps, validations, checkpoints);
  }

  /** Number of train steps per batch kind; known kinds first, then others alphabetically. */
  public Map<String, Long> batchKindHistogram() {
    Map<String, Long> counts = new TreeMap<>(Comparator
        .comparingInt((String k) -> {
          int i = BATCH_KINDS.indexOf(k);
          return i < 0 ? BATCH_KINDS.size() : i;
        })
        .thenComparing(Comparator.naturalOrder()));
    steps.forEach(s -> counts.merge(s.batchKind(), 1L, Long::sum));
    return counts;
  }

  /** Total queries per language over all train steps, by language code. */
  public Map<String, Long> queryLanguageHistogram() {
    return sumLanguages(TrainStep::queryLanguages);
  }

  /** Total passages per language over all train steps, by language code. */
  public Map<String, Long> passageLanguageHistogram() {
    return sumLanguages(TrainStep::passageLanguages);
  }

  /** Number of train steps per dataset, by dataset name (steps without a dataset are left out). */
  public Map<String, Long> datasetHistogram() {
    Map<String, Long> counts = new TreeMap<>();
    steps.stream().filter(s -> s.dataset() != null)
        .forEach(s -> counts.merge(s.dataset(), 1L, Long::sum));
    return counts;
  }

  /** The validation with the lowest loss (the earliest among equals). */
  public Optional<ValidationPoint> bestValidation() {
    return validations.stream().min(Comparator.comparingDouble(ValidationPoint::valLoss)
        .thenComparingLong(ValidationPoint::step));
  }

  private Map<String, Long> sumLanguages(Function<TrainStep, Map<String, Integer>> field) {
    Map<String, Long> counts = new TreeMap<>();
    steps.forEach(s -> field.apply(s).forEach((lang, n) -> counts.merge(lang, (long) n, Long::sum)));
    return counts;
  }
}
