package io.polyret.reports.render;

import io.polyret.reports.model.CheckpointEntry;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SampleResults;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingRecord;
import io.polyret.reports.model.ValidationPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Report inputs the rendering tests build. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final List<String> LANGS = List.of("ar", "de", "en", "es", "zh");

  static List<EvaluationResult> threeRuns() {
    return List.of(
        run("X-X-mono", 1, 0.0),
        run("X-Y", 2, 0.03),
        run("Hybrid", 3, 0.05));
  }

  static EvaluationResult run(String name, long seed, double shift) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("sampling", name);
    config.put("batch_size", 32);
    config.put("learning_rate", 2e-5);
    config.put("languages", LANGS);
    return SampleResults.run(name, LANGS, seed, shift, config, List.of(
        new io.polyret.reports.model.DatasetRef("xquad-r", "data/xquad-r", "ab".repeat(32))));
  }

  /** A training record with a decaying loss, warm-up then decay, and all batch kinds. */
  static TrainingRecord training(String name, long seed, int steps) {
    Random random = new Random(seed);
    List<TrainStep> list = new ArrayList<>();
    List<ValidationPoint> vals = new ArrayList<>();
    List<CheckpointEntry> ckpts = new ArrayList<>();
    double bestVal = Double.MAX_VALUE;
    String[] kinds = {"MONOLINGUAL", "CROSS_LINGUAL", "PLAIN"};
    for (int s = 1; s <= steps; s++) {
      double lr = s < steps / 10 ? 2e-5 * s / (steps / 10.0) : 2e-5 * (steps - s) / (steps * 0.9);
      double loss = 3.0 * Math.exp(-s / (steps / 3.0)) + 0.3 + 0.2 * random.nextDouble();
      String kind = kinds[random.nextInt(seed == 1 ? 1 : 2)];
      String q = LANGS.get(random.nextInt(LANGS.size()));
      String p = kind.equals("MONOLINGUAL") ? q : LANGS.get(random.nextInt(LANGS.size()));
      list.add(new TrainStep(s, (s - 1) / 50, loss, lr, 1.0 + random.nextDouble(), 40.0, s * 0.5,
          kind, "mmarco", Map.of(q, 16), Map.of(p, 16)));
      if (s % 25 == 0) {
        double val = 3.0 * Math.exp(-s / (steps / 2.5)) + 0.5;
        boolean best = val < bestVal;
        bestVal = Math.min(bestVal, val);
        vals.add(new ValidationPoint(s, val, best));
        if (best) {
          ckpts.add(new CheckpointEntry(s, "checkpoints/step-" + s));
        }
      }
    }
    return new TrainingRecord(name, list, vals, ckpts);
  }

  static ReportData data() {
    return new ReportData(threeRuns(), List.of(training("X-X-mono", 1, 200),
        training("Hybrid", 3, 200)));
  }
}
