package io.polyret.core.eval.lareqa;

import io.polyret.core.eval.search.RankingKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Global numbering of a {@link LareqaBenchmark}: queries and candidates are concatenated language
 * after language; each query knows every gold candidate of its id (in any language).
 */
final class LareqaIndex {
  final int languageCount;
  final int queryCount;
  final int candidateCount;
  final int[] queryStart;
  final int[] candidateStart;
  final int[] queryLanguage;
  final int[] candidateLanguage;
  /** Per query: global indices of the gold candidates of all questions with its id, ascending. */
  final int[][] golds;
  final int[] docOrder;
  final int[] columnOfDocOrder;
  final String[] queryIds;
  final String[] docids;

  LareqaIndex(LareqaBenchmark benchmark) {
    List<LareqaBenchmark.Language> langs = benchmark.languages();
    languageCount = langs.size();
    queryStart = new int[languageCount + 1];
    candidateStart = new int[languageCount + 1];
    for (int l = 0; l < languageCount; l++) {
      queryStart[l + 1] = queryStart[l] + langs.get(l).questions().size();
      candidateStart[l + 1] = candidateStart[l] + langs.get(l).candidates().size();
    }
    queryCount = queryStart[languageCount];
    candidateCount = candidateStart[languageCount];
    queryLanguage = new int[queryCount];
    candidateLanguage = new int[candidateCount];
    queryIds = new String[queryCount];
    docids = new String[candidateCount];
    Map<String, TreeSet<Integer>> goldsById = new HashMap<>();
    for (int l = 0; l < languageCount; l++) {
      LareqaBenchmark.Language lang = langs.get(l);
      for (int i = 0; i < lang.questions().size(); i++) {
        int q = queryStart[l] + i;
        queryLanguage[q] = l;
        LareqaBenchmark.Question question = lang.questions().get(i);
        queryIds[q] = question.id();
        goldsById.computeIfAbsent(question.id(), k -> new TreeSet<>())
            .add(candidateStart[l] + question.goldCandidate());
      }
      for (int i = 0; i < lang.candidates().size(); i++) {
        candidateLanguage[candidateStart[l] + i] = l;
        docids[candidateStart[l] + i] = lang.candidates().get(i).docid();
      }
    }
    golds = new int[queryCount][];
    Map<String, int[]> shared = new HashMap<>();
    for (int q = 0; q < queryCount; q++) {
      golds[q] = shared.computeIfAbsent(queryIds[q],
          id -> goldsById.get(id).stream().mapToInt(Integer::intValue).toArray());
    }
    List<String> ids = new ArrayList<>(List.of(docids));
    docOrder = RankingKeys.docOrders(ids);
    columnOfDocOrder = new int[candidateCount];
    for (int c = 0; c < candidateCount; c++) {
      columnOfDocOrder[docOrder[c]] = c;
    }
  }
}
