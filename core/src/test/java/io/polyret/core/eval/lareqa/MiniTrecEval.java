package io.polyret.core.eval.lareqa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-side re-implementation of the part of trec_eval the run files must satisfy: reads a run
 * (score parsed as double, ranks ignored, order = score desc then docid desc by byte order) and
 * qrels, and computes map and recall_k averaged over queries present in both.
 */
final class MiniTrecEval {
  private MiniTrecEval() {}

  static Map<String, Double> evaluate(Path run, Path qrels, int[] recallCutoffs)
      throws IOException {
    Map<String, Map<String, Integer>> rel = new TreeMap<>();
    for (String line : Files.readAllLines(qrels, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      rel.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[2], Integer.parseInt(f[3]));
    }
    Map<String, List<String[]>> results = new HashMap<>();
    for (String line : Files.readAllLines(run, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      results.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new String[] {f[2], f[4]});
    }
    double map = 0;
    double[] recall = new double[recallCutoffs.length];
    int n = 0;
    for (Map.Entry<String, Map<String, Integer>> e : rel.entrySet()) {
      List<String[]> list = results.get(e.getKey());
      if (list == null) {
        continue;
      }
      list.sort((a, b) -> {
        int c = Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1]));
        return c != 0 ? c : b[0].compareTo(a[0]);
      });
      long numRel = e.getValue().values().stream().filter(v -> v >= 1).count();
      int found = 0;
      double sum = 0;
      int[] foundAt = new int[recallCutoffs.length];
      for (int i = 0; i < list.size(); i++) {
        if (e.getValue().getOrDefault(list.get(i)[0], 0) >= 1) {
          found++;
          sum += (double) found / (i + 1);
          for (int c = 0; c < recallCutoffs.length; c++) {
            if (i < recallCutoffs[c]) {
              foundAt[c]++;
            }
          }
        }
      }
      n++;
      map += numRel == 0 ? 0 : sum / numRel;
      for (int c = 0; c < recallCutoffs.length; c++) {
        recall[c] += numRel == 0 ? 0 : (double) foundAt[c] / numRel;
      }
    }
    Map<String, Double> out = new HashMap<>();
    out.put("num_q", (double) n);
    out.put("map", map / n);
    for (int c = 0; c < recallCutoffs.length; c++) {
      out.put("recall_" + recallCutoffs[c], recall[c] / n);
    }
    return out;
  }
}
