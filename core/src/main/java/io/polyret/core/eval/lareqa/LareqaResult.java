package io.polyret.core.eval.lareqa;

import io.polyret.core.eval.metrics.Metric;
import java.util.List;

/**
 * Results of the LAReQA protocol: every (query language, pool language) pair, the multilingual
 * pool per query language, and rank distance (language bias), with the counts behind each mean.
 * Monolingual = the diagonal pairs; cross-lingual = the off-diagonal pairs.
 */
public final class LareqaResult {
  private final String benchmark;
  private final List<String> languages;
  private final List<Metric> pairMetrics;
  private final List<Metric> multilingualMetrics;
  private final double[][][] pair;
  private final int[][] pairQueries;
  private final int[][] pairSkipped;
  private final double[][] multilingual;
  private final int[] multilingualQueries;
  private final double[] rankDistance;
  private final int[] rankDistanceQueries;

  LareqaResult(String benchmark, List<String> languages, List<Metric> pairMetrics,
      List<Metric> multilingualMetrics, double[][][] pair, int[][] pairQueries,
      int[][] pairSkipped, double[][] multilingual, int[] multilingualQueries,
      double[] rankDistance, int[] rankDistanceQueries) {
    this.benchmark = benchmark;
    this.languages = List.copyOf(languages);
    this.pairMetrics = List.copyOf(pairMetrics);
    this.multilingualMetrics = List.copyOf(multilingualMetrics);
    this.pair = pair;
    this.pairQueries = pairQueries;
    this.pairSkipped = pairSkipped;
    this.multilingual = multilingual;
    this.multilingualQueries = multilingualQueries;
    this.rankDistance = rankDistance;
    this.rankDistanceQueries = rankDistanceQueries;
  }

  /** Benchmark name. */
  public String benchmark() {
    return benchmark;
  }

  /** Language codes, in the order of all per-language arrays. */
  public List<String> languages() {
    return languages;
  }

  /** Metrics of the monolingual and cross-lingual settings. */
  public List<Metric> pairMetrics() {
    return pairMetrics;
  }

  /** Metrics of the multilingual setting. */
  public List<Metric> multilingualMetrics() {
    return multilingualMetrics;
  }

  private int lang(String code) {
    int i = languages.indexOf(code);
    if (i < 0) {
      throw new IllegalArgumentException("unknown language '" + code + "' (have " + languages + ")");
    }
    return i;
  }

  private int pairMetric(Metric m) {
    int i = pairMetrics.indexOf(m);
    if (i < 0) {
      throw new IllegalArgumentException("metric " + m + " not computed (have " + pairMetrics + ")");
    }
    return i;
  }

  private int multiMetric(Metric m) {
    int i = multilingualMetrics.indexOf(m);
    if (i < 0) {
      throw new IllegalArgumentException(
          "metric " + m + " not computed (have " + multilingualMetrics + ")");
    }
    return i;
  }

  /** Mean of {@code metric} over queries in {@code queryLang} against the pool {@code poolLang}. */
  public double pair(String queryLang, String poolLang, Metric metric) {
    return pair[lang(queryLang)][lang(poolLang)][pairMetric(metric)];
  }

  /** Number of queries evaluated in a pair (those with a relevant candidate in the pool). */
  public int pairQueries(String queryLang, String poolLang) {
    return pairQueries[lang(queryLang)][lang(poolLang)];
  }

  /** Queries skipped in a pair because the pool holds none of their relevant candidates. */
  public int pairSkipped(String queryLang, String poolLang) {
    return pairSkipped[lang(queryLang)][lang(poolLang)];
  }

  /** Monolingual score of a language. */
  public double monolingual(String lang, Metric metric) {
    return pair(lang, lang, metric);
  }

  /** Macro-average of the monolingual scores over languages. */
  public double monolingualMacro(Metric metric) {
    int m = pairMetric(metric);
    double sum = 0;
    int n = 0;
    for (int x = 0; x < languages.size(); x++) {
      if (pairQueries[x][x] > 0) {
        sum += pair[x][x][m];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Number of ordered cross-lingual pairs with at least one evaluated query. */
  public int crossLingualPairCount() {
    int n = 0;
    for (int x = 0; x < languages.size(); x++) {
      for (int y = 0; y < languages.size(); y++) {
        if (x != y && pairQueries[x][y] > 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** Macro-average over all ordered pairs X != Y that have evaluated queries. */
  public double crossLingualMacro(Metric metric) {
    int m = pairMetric(metric);
    double sum = 0;
    int n = 0;
    for (int x = 0; x < languages.size(); x++) {
      for (int y = 0; y < languages.size(); y++) {
        if (x != y && pairQueries[x][y] > 0) {
          sum += pair[x][y][m];
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean over the pools Y != X (with evaluated queries) of the pair scores of query language X. */
  public double crossLingualByQueryLanguage(String queryLang, Metric metric) {
    int x = lang(queryLang);
    int m = pairMetric(metric);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < languages.size(); y++) {
      if (x != y && pairQueries[x][y] > 0) {
        sum += pair[x][y][m];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Multilingual score of a query language (pool = all languages). */
  public double multilingual(String queryLang, Metric metric) {
    return multilingual[lang(queryLang)][multiMetric(metric)];
  }

  /** Number of queries of a language evaluated in the multilingual setting. */
  public int multilingualQueries(String queryLang) {
    return multilingualQueries[lang(queryLang)];
  }

  /** Macro-average of the multilingual scores over query languages. */
  public double multilingualMacro(Metric metric) {
    int m = multiMetric(metric);
    double sum = 0;
    int n = 0;
    for (int x = 0; x < languages.size(); x++) {
      if (multilingualQueries[x] > 0) {
        sum += multilingual[x][m];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean rank distance of a query language (queries with at least two relevant candidates). */
  public double rankDistance(String queryLang) {
    return rankDistance[lang(queryLang)];
  }

  /** Number of queries behind {@link #rankDistance(String)}. */
  public int rankDistanceQueries(String queryLang) {
    return rankDistanceQueries[lang(queryLang)];
  }

  /** Macro-average of the rank distance over query languages. */
  public double rankDistanceMacro() {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < languages.size(); x++) {
      if (rankDistanceQueries[x] > 0) {
        sum += rankDistance[x];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
