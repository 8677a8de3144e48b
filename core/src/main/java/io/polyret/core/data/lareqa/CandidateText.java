package io.polyret.core.data.lareqa;

/** What text represents a LAReQA candidate when it is encoded (method.md, section 4). */
public enum CandidateText {
  /** The sentence alone (default). */
  SENTENCE,
  /** The sentence followed by its paragraph, separated by a space, as XTREME encodes both. */
  SENTENCE_WITH_CONTEXT
}
