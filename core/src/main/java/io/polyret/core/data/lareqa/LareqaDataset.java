package io.polyret.core.data.lareqa;

import io.polyret.core.data.ExampleText;
import io.polyret.core.data.InMemoryParallelDataset;
import io.polyret.core.data.LoadSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A LAReQA retrieval benchmark (XQuAD-R, MLQA-R): per language its questions and candidates.
 * Questions of different languages with the same id are translations of each other.
 *
 * @param name benchmark name, e.g. {@code xquad-r}
 * @param languages per language code (sorted), its data
 * @param summary what was read and skipped
 */
public record LareqaDataset(String name, Map<String, LareqaLanguage> languages, LoadSummary summary) {

  public LareqaDataset {
    languages = Collections.unmodifiableMap(new TreeMap<>(languages));
  }

  /** Language codes, sorted. */
  public List<String> languageCodes() {
    return List.copyOf(languages.keySet());
  }

  /** The data of one language; IllegalArgumentException listing the languages present if absent. */
  public LareqaLanguage language(String code) {
    LareqaLanguage data = languages.get(code);
    if (data == null) {
      throw new IllegalArgumentException(
          "language '" + code + "' not in " + name + "; languages: " + languages.keySet());
    }
    return data;
  }

  /** Number of candidates over all languages. */
  public int candidateCount() {
    return languages.values().stream().mapToInt(l -> l.candidates().size()).sum();
  }

  /**
   * Per question id, the languages in which it exists, with ids in first-seen order over the
   * sorted languages.
   */
  public Map<String, List<String>> languagesPerQuestionId() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (LareqaLanguage lang : languages.values()) {
      for (LareqaQuestion q : lang.questions()) {
        result.computeIfAbsent(q.id(), k -> new ArrayList<>()).add(lang.language());
      }
    }
    return result;
  }

  /**
   * The benchmark as parallel training data: one example per question id, per language the
   * question as query and its gold candidate's text as positive, no hard negatives.
   */
  public InMemoryParallelDataset toParallelDataset(CandidateText candidateText) {
    InMemoryParallelDataset.Builder builder = new InMemoryParallelDataset.Builder(name);
    for (LareqaLanguage lang : languages.values()) {
      for (LareqaQuestion q : lang.questions()) {
        builder.add(
            q.id(), lang.language(), new ExampleText(q.question(), lang.gold(q).text(candidateText)));
      }
    }
    return builder.summary(summary).build();
  }
}
