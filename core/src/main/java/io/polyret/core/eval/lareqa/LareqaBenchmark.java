package io.polyret.core.eval.lareqa;

import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaCandidate;
import io.polyret.core.data.lareqa.LareqaDataset;
import io.polyret.core.data.lareqa.LareqaLanguage;
import io.polyret.core.data.lareqa.LareqaQuestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A LAReQA-style retrieval benchmark in memory (XQuAD-R, MLQA-R): per language, questions whose id
 * is shared across languages and candidate sentences; each question names its gold candidate.
 *
 * @param name benchmark name, e.g. {@code xquad-r}
 * @param languages per-language data, in the order results are reported
 */
public record LareqaBenchmark(String name, List<Language> languages) {

  /**
   * One question.
   *
   * @param id id shared by the parallel questions of all languages
   * @param text question text
   * @param goldCandidate index of the gold sentence among its language's candidates
   */
  public record Question(String id, String text, int goldCandidate) {}

  /**
   * One candidate sentence.
   *
   * @param docid unique id over the whole benchmark (run files use it; ties break on it)
   * @param text sentence text (optionally with context, as the loader chose)
   */
  public record Candidate(String docid, String text) {}

  /**
   * The questions and candidates of one language.
   *
   * @param code language code, e.g. {@code en}
   */
  public record Language(String code, List<Question> questions, List<Candidate> candidates) {
    /** Validates gold indices and question ids. */
    public Language {
      if (code == null || code.isBlank()) {
        throw new IllegalArgumentException("language code is empty");
      }
      questions = List.copyOf(questions);
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("language '" + code + "' has no candidates (empty pool)");
      }
      Set<String> ids = new HashSet<>();
      for (Question q : questions) {
        if (q.goldCandidate() < 0 || q.goldCandidate() >= candidates.size()) {
          throw new IllegalArgumentException("question '" + q.id() + "' of language '" + code
              + "' names gold candidate " + q.goldCandidate() + " of " + candidates.size());
        }
        if (!ids.add(q.id())) {
          throw new IllegalArgumentException(
              "duplicate question id '" + q.id() + "' in language '" + code + "'");
        }
      }
    }
  }

  /** Validates languages and docids. */
  public LareqaBenchmark {
    languages = List.copyOf(languages);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("benchmark '" + name + "' has no languages");
    }
    Set<String> codes = new HashSet<>();
    Set<String> docids = new HashSet<>();
    for (Language l : languages) {
      if (!codes.add(l.code())) {
        throw new IllegalArgumentException("duplicate language '" + l.code() + "'");
      }
      for (Candidate c : l.candidates()) {
        if (!docids.add(c.docid())) {
          throw new IllegalArgumentException("duplicate candidate docid '" + c.docid() + "'");
        }
      }
    }
  }

  /**
   * The benchmark of a dataset read by {@link io.polyret.core.data.lareqa.LareqaReader}: languages
   * in the dataset's (sorted) order, candidate docids {@code lang:paragraph:sentence}, candidate
   * text per {@code candidateText}.
   */
  public static LareqaBenchmark from(LareqaDataset dataset, CandidateText candidateText) {
    List<Language> langs = new ArrayList<>();
    for (LareqaLanguage l : dataset.languages().values()) {
      List<Question> questions = new ArrayList<>(l.questions().size());
      for (LareqaQuestion q : l.questions()) {
        questions.add(new Question(q.id(), q.question(), q.goldCandidateIndex()));
      }
      List<Candidate> candidates = new ArrayList<>(l.candidates().size());
      for (LareqaCandidate c : l.candidates()) {
        candidates.add(new Candidate(c.id(), c.text(candidateText)));
      }
      langs.add(new Language(l.language(), questions, candidates));
    }
    return new LareqaBenchmark(dataset.name(), langs);
  }

  /** Language codes in order. */
  public List<String> languageCodes() {
    List<String> out = new ArrayList<>();
    for (Language l : languages) {
      out.add(l.code());
    }
    return out;
  }

  /** Total number of questions over all languages. */
  public int questionCount() {
    int n = 0;
    for (Language l : languages) {
      n += l.questions().size();
    }
    return n;
  }

  /** Total number of candidates over all languages. */
  public int candidateCount() {
    int n = 0;
    for (Language l : languages) {
      n += l.candidates().size();
    }
    return n;
  }

  /** All question texts, language after language. */
  public List<String> questionTexts() {
    List<String> out = new ArrayList<>(questionCount());
    for (Language l : languages) {
      for (Question q : l.questions()) {
        out.add(q.text());
      }
    }
    return out;
  }

  /** All candidate texts, language after language. */
  public List<String> candidateTexts() {
    List<String> out = new ArrayList<>(candidateCount());
    for (Language l : languages) {
      for (Candidate c : l.candidates()) {
        out.add(c.text());
      }
    }
    return out;
  }
}
