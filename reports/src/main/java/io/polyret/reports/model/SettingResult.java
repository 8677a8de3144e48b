package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Metrics of one evaluation setting for one (query language, pool language) pair, or an aggregate
 * row.
 *
 * <p>Conventions for the language fields:
 *
 * <ul>
 *   <li>monolingual: {@code queryLanguage == poolLanguage} (for a benchmark without language
 *       structure, such as a generic TREC collection, use the collection's language or {@code
 *       "und"});
 *   <li>cross-lingual: {@code queryLanguage != poolLanguage}, one row per pair;
 *   <li>multilingual: {@code poolLanguage == }{@link #ALL_LANGUAGES} (pool = union of all
 *       languages);
 *   <li>{@link #MACRO} ({@code "*"}) in a language field marks a macro average over that field:
 *       {@code ("*", "*")} is the setting's macro average over all rows, {@code ("de", "*")} the
 *       cross-lingual average of German queries over all other pools, {@code ("*", "all")} the
 *       multilingual macro average over query languages.
 * </ul>
 *
 * <p>Metric keys are lower case: {@code map}, {@code recall@1}, {@code recall@10}, {@code
 * recall@100}, {@code ndcg@10}, {@code mrr@10}, {@code success@1} (see {@link MetricNames}).
 *
 * @param setting {@link #MONOLINGUAL}, {@link #CROSS_LINGUAL}, {@link #MULTILINGUAL} or another
 *     protocol-specific name
 * @param queryLanguage query language code, or {@link #MACRO}
 * @param poolLanguage candidate pool language code, {@link #ALL_LANGUAGES} or {@link #MACRO}
 * @param metrics metric name to value, in the order the producer chose
 * @param queries number of queries that were scored
 * @param skippedQueries queries left out because the pool held none of their relevant candidates
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingResult(
    String setting,
    String queryLanguage,
    String poolLanguage,
    Map<String, Double> metrics,
    int queries,
    int skippedQueries) {

  /** Queries and pool in the same language. */
  public static final String MONOLINGUAL = "monolingual";
  /** Queries in one language, pool in another. */
  public static final String CROSS_LINGUAL = "cross-lingual";
  /** Queries in one language, pool the union of all languages. */
  public static final String MULTILINGUAL = "multilingual";
  /** Pool language of the multilingual setting. */
  public static final String ALL_LANGUAGES = "all";
  /** Language placeholder of a macro-average row. */
  public static final String MACRO = "*";

  /** Validates and copies. */
  public SettingResult {
    Checks.requireText(setting, "setting");
    Checks.requireText(queryLanguage, "query_language");
    Checks.requireText(poolLanguage, "pool_language");
    metrics = Checks.copyFiniteMap(metrics, "metrics");
    Checks.requireNonNegative(queries, "queries");
    Checks.requireNonNegative(skippedQueries, "skipped_queries");
  }

  /** True for an aggregate row (either language field is {@link #MACRO}). */
  @JsonIgnore
  public boolean isAggregate() {
    return MACRO.equals(queryLanguage) || MACRO.equals(poolLanguage);
  }

  /** The metric's value, or null when this row does not have it. */
  public Double metric(String name) {
    return metrics.get(name);
  }
}
