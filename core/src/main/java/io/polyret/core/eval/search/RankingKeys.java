package io.polyret.core.eval.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Total order of trec_eval rankings packed in a {@code long}: score descending, ties broken by
 * docid in DESCENDING code point order ({@link #DOCID_ORDER}). A larger key ranks higher; keys of
 * distinct documents never tie.
 *
 * <p>The high 32 bits hold the score's bits mapped so that signed int order equals float order;
 * the low 32 bits hold the docid's position in ascending {@link #DOCID_ORDER} among the documents
 * compared.
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
   * trec_eval's docid order: {@code strcmp} on the UTF-8 bytes, which is Unicode code point order.
   * {@link String#compareTo} compares UTF-16 units instead and puts a supplementary character
   * (surrogates U+D800..U+DFFF) before U+E000..U+FFFF, the opposite of {@code strcmp}.
   */
  public static final Comparator<String> DOCID_ORDER = RankingKeys::compareDocids;

  /** Compares two docids by code points, as {@code strcmp} compares their UTF-8 bytes. */
  public static int compareDocids(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * For each docid, its position in ascending {@link #DOCID_ORDER} (trec_eval's {@code strcmp}
   * order). Duplicate docids are rejected.
   */
  public static int[] docOrders(List<String> docids) {
    Integer[] idx = new Integer[docids.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> compareDocids(docids.get(x), docids.get(y)));
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
