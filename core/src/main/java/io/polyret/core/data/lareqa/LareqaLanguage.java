package io.polyret.core.data.lareqa;

import java.util.List;

/**
 * The questions and candidates of one language of a LAReQA benchmark.
 *
 * @param language language code
 * @param questions questions in file order
 * @param candidates every sentence of every paragraph, in file order; duplicate sentence texts
 *     stay separate candidates (the published candidate counts include them)
 */
public record LareqaLanguage(
    String language, List<LareqaQuestion> questions, List<LareqaCandidate> candidates) {

  public LareqaLanguage {
    questions = List.copyOf(questions);
    candidates = List.copyOf(candidates);
  }

  /** The gold candidate of a question of this language. */
  public LareqaCandidate gold(LareqaQuestion question) {
    return candidates.get(question.goldCandidateIndex());
  }
}
