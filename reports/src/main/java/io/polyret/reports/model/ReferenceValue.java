package io.polyret.reports.model;

/**
 * One number published in the paper, for comparison rows in reports.
 *
 * @param model base model ({@code XLM-R}, {@code LaBSE})
 * @param sampling batch sampling ({@code X-X-mono}, {@code X-Y}, {@code Hybrid})
 * @param benchmark benchmark name as in {@link BenchmarkResult#name()}
 * @param setting setting as in {@link SettingResult#setting()}
 * @param metric metric name ({@link MetricNames}); {@code rank_distance} for language bias
 * @param value the published macro average
 * @param source where in the paper the number is printed
 */
public record ReferenceValue(
    String model, String sampling, String benchmark, String setting, String metric, double value,
    String source) {

  /** Row label used in reports, for example {@code paper: XLM-R Hybrid}. */
  public String label() {
    return "paper: " + model + " " + sampling;
  }
}
