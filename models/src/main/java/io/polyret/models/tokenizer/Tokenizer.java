package io.polyret.models.tokenizer;

import java.util.List;

/**
 * Turns texts into the token ids an encoder reads, with the model's special-token framing
 * ({@code <s> ... </s>} for XLM-R, {@code [CLS] ... [SEP]} for BERT) and truncation.
 *
 * <p>Implementations document whether they are thread-safe.
 */
public interface Tokenizer {

  /** Encodes one text, framed and truncated to at most {@code maxLength} ids (framing included). */
  int[] encode(String text, int maxLength);

  /**
   * Encodes texts into a right-padded batch whose width is the longest encoded text (at most
   * {@code maxLength}).
   */
  default EncodedBatch encodeBatch(List<String> texts, int maxLength) {
    int[][] rows = new int[texts.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = encode(texts.get(i), maxLength);
    }
    return EncodedBatch.pad(rows, padId());
  }

  /** The id used for padding. */
  int padId();

  /** Number of ids the model's embedding table must hold. */
  int vocabularySize();
}
