package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one evaluation run produced: metrics of every benchmark, provenance and the
 * configuration. Serialised as snake_case JSON by {@link EvaluationResultJson}; the JSON Schema is
 * the resource {@code io/polyret/reports/evaluation-result.schema.json}.
 *
 * @param schemaVersion version of the JSON layout; {@link #SCHEMA_VERSION} for results written now
 * @param runName short name shown in reports (for example {@code hybrid}, {@code x-y})
 * @param benchmarks one entry per benchmark, in display order
 * @param provenance where the result came from
 * @param config the evaluation (and training) configuration as plain JSON values, in a stable order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
    int schemaVersion,
    String runName,
    List<BenchmarkResult> benchmarks,
    Provenance provenance,
    Map<String, Object> config) {

  /** The layout version this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates and copies. */
  public EvaluationResult {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException("schema_version " + schemaVersion
          + " is not supported; this polyret reads schema_version " + SCHEMA_VERSION);
    }
    Checks.requireText(runName, "run_name");
    benchmarks = Checks.copyList(benchmarks, "benchmarks");
    Set<String> names = new LinkedHashSet<>();
    for (BenchmarkResult b : benchmarks) {
      if (!names.add(b.name())) {
        throw new IllegalArgumentException(
            "run '" + runName + "' has benchmark '" + b.name() + "' twice");
      }
    }
    provenance = provenance == null ? Provenance.unknown() : provenance;
    config = copyConfig(config);
  }

  /** A result in the current schema version. */
  public static EvaluationResult of(String runName, List<BenchmarkResult> benchmarks,
      Provenance provenance, Map<String, Object> config) {
    return new EvaluationResult(SCHEMA_VERSION, runName, benchmarks, provenance, config);
  }

  private static Map<String, Object> copyConfig(Map<String, Object> config) {
    if (config == null) {
      return Map.of();
    }
    // Null values are legitimate here ("not set"), so Map.copyOf will not do.
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    config.forEach((k, v) -> copy.put(Checks.requireText(k, "config key"), v));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** The benchmark with this name. */
  public Optional<BenchmarkResult> benchmark(String name) {
    return benchmarks.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
