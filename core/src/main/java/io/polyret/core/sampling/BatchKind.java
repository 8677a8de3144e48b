package io.polyret.core.sampling;

/** How the languages of a batch were chosen (method.md, section 3). */
public enum BatchKind {
  /** Queries and passages of every triplet in one language, the same for the whole batch. */
  MONOLINGUAL,
  /** Every triplet has its query in one language and its passages in a different one. */
  CROSS_LINGUAL,
  /** Neither: a plain shuffled batch over data without language structure. */
  PLAIN
}
