package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Where a result came from: enough to repeat the run. Every field except {@code datasets} may be
 * null when unknown.
 *
 * @param model the model evaluated (path or name of the exported model or checkpoint)
 * @param baseCheckpoint the pre-trained checkpoint it was fine-tuned from
 * @param datasets data files used, with content hashes
 * @param seed the seed that drove initialisation, sampling and dropout
 * @param polyretVersion polyret version
 * @param tensorflowVersion TensorFlow (Java) version
 * @param gitCommit commit of the code that produced the result
 * @param date ISO-8601 date or date-time of the run, for example {@code 2026-11-25T18:00:00Z}
 * @param machine hardware and runtime
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    String model,
    String baseCheckpoint,
    List<DatasetRef> datasets,
    Long seed,
    String polyretVersion,
    String tensorflowVersion,
    String gitCommit,
    String date,
    Machine machine) {

  /** Validates and copies. */
  public Provenance {
    datasets = Checks.copyList(datasets, "datasets");
    if (date != null) {
      requireIsoDate(date);
    }
  }

  /** Provenance with nothing known. */
  public static Provenance unknown() {
    return new Provenance(null, null, List.of(), null, null, null, null, null, null);
  }

  private static void requireIsoDate(String date) {
    for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_DATE)) {
      try {
        f.parse(date);
        return;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    throw new IllegalArgumentException(
        "provenance date must be ISO-8601 (e.g. 2026-11-25T18:00:00Z), got '" + date + "'");
  }
}
