package io.polyret.core.eval.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Total order of trec_eval rankings packed in a {@code long}: score descending, ties broken by
 * docid in DESCENDING string order. A larger key ranks higher; keys of distinct documents never tie.
 *
 * <p>The high 32 bits hold the score's bits mapped so that signed int order equals float order;
 * the low 32 bits hold the docid's position in ascending string order among the documents compared.
 */
public final class RankingKeys {
  private RankingKeys() {}

  /**
   * Key of a document with {@code score} whose docid has position {@code docOrder} (0-based) in
   * ascending string order. {@code -0.0f} equals {@code 0.0f} (as for trec_eval's double compare).
   */
  public static long key(float score, int docOrder) {
    return ((long) sortableBits(score) << 32) | docOrder;
  }

  /** Int whose signed order equals the float order of {@code score}; NaN is rejected. */
  public static int sortableBits(float score) {
    if (score != score) {
      throw new IllegalArgumentException("score is NaN");
    }
    int bits = Float.floatToRawIntBits(score + 0.0f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** The docid order position stored in a key. */
  public static int docOrder(long key) {
    return (int) key;
  }

  /**
   * For each docid, its position in ascending string ({@link String#compareTo}) order, which is
   * trec_eval's {@code strcmp} order for ASCII docids. Duplicate docids are rejected.
   */
  public static int[] docOrders(List<String> docids) {
    Integer[] idx = new Integer[docids.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparing(docids::get));
    int[] order = new int[idx.length];
    for (int pos = 0; pos < idx.length; pos++) {
      if (pos > 0 && docids.get(idx[pos]).equals(docids.get(idx[pos - 1]))) {
        throw new IllegalArgumentException("duplicate docid '" + docids.get(idx[pos]) + "'");
      }
      order[idx[pos]] = pos;
    }
    return order;
  }
}
