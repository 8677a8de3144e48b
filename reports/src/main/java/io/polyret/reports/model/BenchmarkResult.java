package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Results of one benchmark (for example {@code xquad-r}, {@code mlqa-r}, {@code miracl}, or any
 * TREC collection) for one run.
 *
 * @param name benchmark name; {@code xquad-r}, {@code mlqa-r} and {@code miracl} match the paper's
 *     reference numbers ({@link PaperReferences})
 * @param protocol {@link #PROTOCOL_LAREQA}, {@link #PROTOCOL_MIRACL} or {@link #PROTOCOL_TREC}
 * @param languages language codes of the benchmark, in display order
 * @param settings one row per setting and language pair, aggregate rows included or not (missing
 *     aggregates are computed by {@link #macro} and {@link #byQueryLanguage})
 * @param rankDistanceByLanguage mean rank distance (language bias) per query language, multilingual
 *     setting; empty when not measured
 * @param rankDistanceMacro macro average of {@code rankDistanceByLanguage}; null when not measured
 * @param queriesByLanguage number of queries per language
 * @param candidatesByLanguage number of candidates (passages, sentences) per language
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchmarkResult(
    String name,
    String protocol,
    List<String> languages,
    List<SettingResult> settings,
    Map<String, Double> rankDistanceByLanguage,
    Double rankDistanceMacro,
    Map<String, Integer> queriesByLanguage,
    Map<String, Integer> candidatesByLanguage) {

  /** XQuAD-R / MLQA-R: monolingual, cross-lingual and multilingual settings. */
  public static final String PROTOCOL_LAREQA = "lareqa";
  /** MIRACL: monolingual per language. */
  public static final String PROTOCOL_MIRACL = "miracl";
  /** Generic TREC topics, qrels and corpus. */
  public static final String PROTOCOL_TREC = "trec";

  /** Validates and copies. */
  public BenchmarkResult {
    Checks.requireText(name, "benchmark name");
    Checks.requireText(protocol, "protocol of benchmark '" + name + "'");
    languages = Checks.copyList(languages, "languages");
    if (new LinkedHashSet<>(languages).size() != languages.size()) {
      throw new IllegalArgumentException(
          "languages of benchmark '" + name + "' contain duplicates: " + languages);
    }
    settings = Checks.copyList(settings, "settings");
    rankDistanceByLanguage = Checks.copyFiniteMap(rankDistanceByLanguage, "rank_distance_by_language");
    Checks.requireFiniteOrNull(rankDistanceMacro, "rank_distance_macro");
    queriesByLanguage = Checks.copyCountMap(queriesByLanguage, "queries_by_language");
    candidatesByLanguage = Checks.copyCountMap(candidatesByLanguage, "candidates_by_language");
    Set<String> seen = new LinkedHashSet<>();
    for (SettingResult s : settings) {
      String key = s.setting() + " " + s.queryLanguage() + "->" + s.poolLanguage();
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            "benchmark '" + name + "' has two rows for " + key);
      }
    }
  }

  /** The row for exactly this setting and language pair. */
  public Optional<SettingResult> find(String setting, String queryLanguage, String poolLanguage) {
    return settings.stream()
        .filter(s -> s.setting().equals(setting)
            && s.queryLanguage().equals(queryLanguage)
            && s.poolLanguage().equals(poolLanguage))
        .findFirst();
  }

  /** Setting names present, in first-seen order. */
  public List<String> settingNames() {
    Set<String> names = new LinkedHashSet<>();
    settings.forEach(s -> names.add(s.setting()));
    return List.copyOf(names);
  }

  /** Metric names present in a setting, in canonical order ({@link MetricNames#ORDER}). */
  public List<String> metricNames(String setting) {
    Set<String> names = new LinkedHashSet<>();
    settings.stream().filter(s -> s.setting().equals(setting))
        .forEach(s -> names.addAll(s.metrics().keySet()));
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(MetricNames.ORDER);
    return sorted;
  }

  /** Per-language (non-aggregate) rows of a setting, in stored order. */
  public List<SettingResult> pairRows(String setting) {
    return settings.stream()
        .filter(s -> s.setting().equals(setting) && !s.isAggregate())
        .toList();
  }

  /**
   * Macro average of a metric over a setting: the stored aggregate row {@code ("*", "*")} (or
   * {@code ("*", "all")} for multilingual) when present, else the mean over the pair rows. The
   * cross-lingual mean runs over all pairs (110 for XQuAD-R), as in the paper.
   */
  public OptionalDouble macro(String setting, String metric) {
    for (SettingResult s : settings) {
      if (s.setting().equals(setting)
          && SettingResult.MACRO.equals(s.queryLanguage())
          && (SettingResult.MACRO.equals(s.poolLanguage())
              || SettingResult.ALL_LANGUAGES.equals(s.poolLanguage()))
          && s.metric(metric) != null) {
        return OptionalDouble.of(s.metric(metric));
      }
    }
    return mean(pairRows(setting), metric);
  }

  /**
   * A metric for one query language: the monolingual row {@code (x, x)}, the multilingual row
   * {@code (x, all)}, or for cross-lingual the stored {@code (x, *)} row, else the mean over the
   * pairs {@code (x, y)}. For other settings, the row {@code (x, x)} or the mean over rows with
   * query language x.
   */
  public OptionalDouble byQueryLanguage(String setting, String metric, String language) {
    Optional<SettingResult> exact = switch (setting) {
      case SettingResult.MONOLINGUAL -> find(setting, language, language);
      case SettingResult.MULTILINGUAL -> find(setting, language, SettingResult.ALL_LANGUAGES);
      default -> find(setting, language, SettingResult.MACRO);
    };
    if (exact.isPresent() && exact.get().metric(metric) != null) {
      return OptionalDouble.of(exact.get().metric(metric));
    }
    return mean(pairRows(setting).stream()
        .filter(s -> s.queryLanguage().equals(language)).toList(), metric);
  }

  private static OptionalDouble mean(List<SettingResult> rows, String metric) {
    double sum = 0;
    int n = 0;
    for (SettingResult s : rows) {
      Double v = s.metric(metric);
      if (v != null) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }
}
