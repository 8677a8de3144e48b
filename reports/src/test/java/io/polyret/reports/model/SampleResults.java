package io.polyret.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds realistic results for tests: LAReQA-style benchmarks and a MIRACL-style one. */
public final class SampleResults {
  private SampleResults() {}

  /**
   * A run with an {@code xquad-r}-like LAReQA benchmark over {@code languages} (all pairs,
   * per-language rows, no stored aggregates except the monolingual macro row) and a MIRACL one.
   * Values are drawn from {@code seed} and offset by {@code shift} so runs differ.
   */
  public static EvaluationResult run(String runName, List<String> languages, long seed,
      double shift, Map<String, Object> config, List<DatasetRef> datasets) {
    Random random = new Random(seed);
    List<SettingResult> rows = new ArrayList<>();
    double monoSum = 0;
    for (String q : languages) {
      for (String p : languages) {
        boolean mono = q.equals(p);
        double map = clamp(0.5 + shift + random.nextDouble() * 0.3 + (mono ? 0.15 : 0));
        double r1 = clamp(map - 0.05 * random.nextDouble());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("map", map);
        metrics.put("recall@1", r1);
        rows.add(new SettingResult(mono ? SettingResult.MONOLINGUAL : SettingResult.CROSS_LINGUAL,
            q, p, metrics, 100, mono ? 0 : random.nextInt(3)));
        if (mono) {
          monoSum += map;
        }
      }
    }
    rows.add(new SettingResult(SettingResult.MONOLINGUAL, SettingResult.MACRO, SettingResult.MACRO,
        Map.of("map", monoSum / languages.size()), 100 * languages.size(), 0));
    Map<String, Double> rd = new LinkedHashMap<>();
    for (String q : languages) {
      double map = clamp(0.4 + shift + random.nextDouble() * 0.3);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("map", map);
      metrics.put("recall@10", clamp(map + 0.2));
      rows.add(new SettingResult(SettingResult.MULTILINGUAL, q, SettingResult.ALL_LANGUAGES,
          metrics, 100, 0));
      rd.put(q, 100 + 300 * random.nextDouble() - 200 * shift);
    }
    double rdMacro = rd.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    Map<String, Integer> queries = new LinkedHashMap<>();
    Map<String, Integer> candidates = new LinkedHashMap<>();
    languages.forEach(l -> {
      queries.put(l, 100);
      candidates.put(l, 120 + l.length());
    });
    BenchmarkResult lareqa = new BenchmarkResult("xquad-r", BenchmarkResult.PROTOCOL_LAREQA,
        languages, rows, rd, rdMacro, queries, candidates);

    List<SettingResult> miraclRows = new ArrayList<>();
    for (String l : languages) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("ndcg@10", clamp(0.3 + shift + random.nextDouble() * 0.2));
      metrics.put("recall@100", clamp(0.6 + shift + random.nextDouble() * 0.2));
      miraclRows.add(new SettingResult(SettingResult.MONOLINGUAL, l, l, metrics, 50, 0));
    }
    BenchmarkResult miracl = new BenchmarkResult("miracl", BenchmarkResult.PROTOCOL_MIRACL,
        languages, miraclRows, Map.of(), null, Map.of(), Map.of());

    Provenance provenance = new Provenance("target/model-" + runName, "xlm-roberta-base",
        datasets, seed, "0.1.0-SNAPSHOT", "1.1.0", "0123456789abcdef", "2026-11-25T18:00:00Z",
        new Machine("AMD EPYC 9R14, 2 cores", null, "Linux 6.1 amd64", "OpenJDK 17.0.15"));
    return EvaluationResult.of(runName, List.of(lareqa, miracl), provenance, config);
  }

  /** A run over three plain languages with a small config. */
  public static EvaluationResult run(String runName, long seed, double shift) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("batch_size", 32);
    config.put("sampling", runName);
    config.put("languages", List.of("en", "de", "zh"));
    return run(runName, List.of("en", "de", "zh"), seed, shift, config,
        List.of(new DatasetRef("xquad-r", "data/xquad-r", "a".repeat(64))));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
