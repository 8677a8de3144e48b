package io.polyret.core.data.lareqa;

/**
 * One retrieval candidate of a LAReQA language: a sentence of a paragraph.
 *
 * @param id stable id, unique over all languages: {@code lang:paragraph:sentence}, with the
 *     paragraph's zero-based position in the file and the sentence's in the paragraph
 * @param language language code
 * @param paragraphIndex zero-based position of the paragraph in the file (over all articles)
 * @param sentenceIndex zero-based position of the sentence in its paragraph
 * @param sentence the sentence text (the file's {@code sentences[i]})
 * @param context the whole paragraph text
 */
public record LareqaCandidate(
    String id,
    String language,
    int paragraphIndex,
    int sentenceIndex,
    String sentence,
    String context) {

  /** The id polyret gives the candidate at these positions. */
  public static String idOf(String language, int paragraphIndex, int sentenceIndex) {
    return language + ":" + paragraphIndex + ":" + sentenceIndex;
  }

  /** The text to encode for this candidate. */
  public String text(CandidateText mode) {
    return switch (mode) {
      case SENTENCE -> sentence;
      case SENTENCE_WITH_CONTEXT -> sentence + " " + context;
    };
  }
}
