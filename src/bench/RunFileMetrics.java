import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.metrics.RelevantRanks;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-query values of polyret's own metric code ({@link Metric#compute}) on TREC run files, in
 * each run's line order (the ranking polyret wrote), printed like {@code trec_eval -q -c} with the
 * run file first: {@code run<TAB>metric<TAB>qid<TAB>value} per qrels query, then
 * {@code run<TAB>metric<TAB>all<TAB>mean} over every qrels query (a query absent from the run counts
 * 0). The qrels of {@code X.run} are {@code X.qrels}. Values are printed in full precision; the
 * comparison script rounds them as trec_eval does.
 *
 * <p>Launched as a single source file by {@code compare-with-trec-eval.sh}: {@code java -cp
 * core/target/polyret-cli.jar src/bench/RunFileMetrics.java map,ndcg@10 a.run b.run}.
 * The run must list each query's documents contiguously, best first (polyret's run files do); the
 * script lets trec_eval, which re-sorts by score and docid, judge that order.
 */
public final class RunFileMetrics {
  private RunFileMetrics() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RunFileMetrics <metric,metric,...> <run file>...");
      System.exit(2);
    }
    List<Metric> metrics = new ArrayList<>();
    for (String name : args[0].split(",")) {
      metrics.add(Metric.parse(name));
    }
    for (int i = 1; i < args.length; i++) {
      Path runFile = Path.of(args[i]);
      String name = runFile.getFileName().toString();
      if (!name.endsWith(".run")) {
        throw new IllegalArgumentException("not a .run file: " + runFile);
      }
      Path qrelsFile = runFile.resolveSibling(name.substring(0, name.length() - 4) + ".qrels");
      System.out.print(evaluate(metrics, readQrels(qrelsFile), runFile, name));
    }
  }

  /** Streams the run query by query, so a run of millions of lines needs one query in memory. */
  private static String evaluate(List<Metric> metrics, Map<String, Map<String, Integer>> qrels,
      Path runFile, String prefix) throws IOException {
    Map<String, double[]> values = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(runFile, StandardCharsets.UTF_8)) {
      String line;
      String current = null;
      List<String> ranked = new ArrayList<>();
      int no = 0;
      while (true) {
        line = r.readLine();
        no++;
        String qid = line == null ? null : line.trim().split("\\s+", 2)[0];
        if (current != null && !current.equals(qid)) {
          if (values.containsKey(current)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s:%d: lines of query '%s' are not contiguous", runFile, no, current));
          }
          Map<String, Integer> judged = qrels.get(current);
          if (judged != null) { // trec_eval ignores run queries without qrels
            values.put(current, compute(metrics, relevantRanks(judged, ranked)));
          }
          ranked.clear();
        }
        if (line == null) {
          break;
        }
        current = qid;
        ranked.add(line.trim().split("\\s+")[2]);
      }
    }
    double[] sums = new double[metrics.size()];
    StringBuilder out = new StringBuilder();
    for (String qid : qrels.keySet()) {
      double[] v = values.computeIfAbsent(qid,
          q -> compute(metrics, relevantRanks(qrels.get(q), List.of())));
      for (int m = 0; m < metrics.size(); m++) {
        sums[m] += v[m];
        out.append(prefix).append('\t').append(metrics.get(m).name()).append('\t').append(qid)
            .append('\t').append(v[m]).append('\n');
      }
    }
    for (int m = 0; m < metrics.size(); m++) {
      out.append(prefix).append('\t').append(metrics.get(m).name()).append("\tall\t")
          .append(sums[m] / qrels.size()).append('\n');
    }
    return out.toString();
  }

  private static double[] compute(List<Metric> metrics, RelevantRanks ranks) {
    double[] v = new double[metrics.size()];
    for (int m = 0; m < v.length; m++) {
      v[m] = metrics.get(m).compute(ranks);
    }
    return v;
  }

  private static RelevantRanks relevantRanks(Map<String, Integer> judged, List<String> ranked) {
    List<Integer> ranks = new ArrayList<>();
    List<Integer> gains = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      Integer rel = judged.get(ranked.get(i));
      if (rel != null && rel >= 1) {
        ranks.add(i + 1);
        gains.add(rel);
      }
    }
    int[] all = judged.values().stream().filter(v -> v >= 1).mapToInt(Integer::intValue).toArray();
    return RelevantRanks.of(ranks.stream().mapToInt(Integer::intValue).toArray(),
        gains.stream().mapToInt(Integer::intValue).toArray(), all);
  }

  private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        qrels.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[2], Integer.parseInt(f[3]));
      }
    }
    return qrels;
  }
}
