package io.polyret.core.eval.trec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Topics file: one query per line, {@code qid<TAB>query} (MIRACL, Pyserini/Anserini layout). */
public final class TrecTopics {
  private TrecTopics() {}

  /**
   * Reads topics in file order.
   *
   * @throws IllegalArgumentException naming file and line for a line without a tab, an empty qid
   *     or query, a duplicate qid, or a file without topics
   */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> topics = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (no == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalArgumentException(file + ":" + no
              + ": expected 'qid<TAB>query', got '" + abbreviate(line) + "'");
        }
        String qid = line.substring(0, tab).trim();
        String query = line.substring(tab + 1).trim();
        if (qid.isEmpty() || query.isEmpty()) {
          throw new IllegalArgumentException(file + ":" + no + ": empty qid or query");
        }
        if (topics.put(qid, query) != null) {
          throw new IllegalArgumentException(file + ":" + no + ": duplicate qid '" + qid + "'");
        }
      }
    }
    if (topics.isEmpty()) {
      throw new IllegalArgumentException(file + ": no topics");
    }
    return Collections.unmodifiableMap(topics);
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
