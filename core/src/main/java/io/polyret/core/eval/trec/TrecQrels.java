package io.polyret.core.eval.trec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TREC qrels: {@code qid iter docid rel} per line, whitespace separated; {@code iter} is ignored.
 * Per query, judged documents and their relevance (relevant when at least 1, as in trec_eval).
 */
public final class TrecQrels {
  private final Map<String, Map<String, Integer>> judgments;

  private TrecQrels(Map<String, Map<String, Integer>> judgments) {
    this.judgments = judgments;
  }

  /** Qrels from a map qid -> (docid -> relevance). */
  public static TrecQrels of(Map<String, Map<String, Integer>> judgments) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach((q, docs) -> copy.put(q, Collections.unmodifiableMap(
        new LinkedHashMap<>(docs))));
    return new TrecQrels(Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a qrels file.
   *
   * @throws IllegalArgumentException naming file and line for a line without 4 fields, a
   *     relevance that is not an integer, a (qid, docid) judged twice, or a file without judgments
   */
  public static TrecQrels read(Path file) throws IOException {
    Map<String, Map<String, Integer>> j = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        if (f.length != 4) {
          throw new IllegalArgumentException(file + ":" + no
              + ": expected 'qid iter docid rel', got '" + TrecTopics.abbreviate(line) + "'");
        }
        int rel;
        try {
          rel = Integer.parseInt(f[3]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file + ":" + no + ": relevance is not an integer: '" + f[3] + "'");
        }
        if (j.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[2], rel) != null) {
          throw new IllegalArgumentException(file + ":" + no + ": document '" + f[2]
              + "' judged twice for query '" + f[0] + "'");
        }
      }
    }
    if (j.isEmpty()) {
      throw new IllegalArgumentException(file + ": no judgments");
    }
    return of(j);
  }

  /** Query ids in file order. */
  public java.util.Set<String> queryIds() {
    return judgments.keySet();
  }

  /** Judged documents of a query (empty when unjudged). */
  public Map<String, Integer> judged(String qid) {
    return judgments.getOrDefault(qid, Map.of());
  }

  /** Gains (relevance >= 1) of the relevant documents of a query. */
  public int[] relevantGains(String qid) {
    return judged(qid).values().stream().filter(v -> v >= 1).mapToInt(Integer::intValue)
        .toArray();
  }

  /** Number of (query, document) judgments. */
  public int size() {
    int n = 0;
    for (Map<String, Integer> m : judgments.values()) {
      n += m.size();
    }
    return n;
  }
}
