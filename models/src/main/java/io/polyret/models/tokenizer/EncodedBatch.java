package io.polyret.models.tokenizer;

import java.util.Arrays;

/**
 * A right-padded batch of token ids with its attention mask (1 for real tokens, 0 for padding).
 *
 * @param ids token ids, {@code [batch][width]}
 * @param mask attention mask, same shape as {@code ids}
 * @param lengths number of real tokens per row
 */
public record EncodedBatch(int[][] ids, int[][] mask, int[] lengths) {

  /** Pads rows to the width of the longest one with {@code padId}. */
  public static EncodedBatch pad(int[][] rows, int padId) {
    int width = 1;
    for (int[] row : rows) {
      width = Math.max(width, row.length);
    }
    return pad(rows, padId, width);
  }

  /** Pads rows to exactly {@code width} (rows longer than width are rejected). */
  public static EncodedBatch pad(int[][] rows, int padId, int width) {
    int[][] ids = new int[rows.length][width];
    int[][] mask = new int[rows.length][width];
    int[] lengths = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length > width) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " ids, more than the width " + width);
      }
      Arrays.fill(ids[i], padId);
      System.arraycopy(rows[i], 0, ids[i], 0, rows[i].length);
      Arrays.fill(mask[i], 0, rows[i].length, 1);
      lengths[i] = rows[i].length;
    }
    return new EncodedBatch(ids, mask, lengths);
  }

  /** Number of rows. */
  public int size() {
    return ids.length;
  }

  /** Padded width. */
  public int width() {
    return ids.length == 0 ? 0 : ids[0].length;
  }
}
