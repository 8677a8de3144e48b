/**
 * LAReQA retrieval benchmarks (XQuAD-R, MLQA-R): questions and candidate sentences per language,
 * read by {@link io.polyret.core.data.lareqa.LareqaReader}.
 */
package io.polyret.core.data.lareqa;
