package io.polyret.core.eval.search;

import java.util.Arrays;

/**
 * Selects the best {@code k} columns of a score row in trec_eval order (score descending, then
 * docid descending), without sorting the whole row.
 */
public final class TopK {
  private TopK() {}

  /**
   * Columns {@code from .. to - 1} of the row stored at {@code row[offset + column]} ranked best
   * first, at most {@code k} of them ({@code k <= 0}: all).
   *
   * @param docOrder per column, the docid's position in ascending string order (see
   *     {@link RankingKeys#docOrders})
   * @param columnOfDocOrder inverse of {@code docOrder}
   */
  public static int[] select(float[] row, int offset, int from, int to, int[] docOrder,
      int[] columnOfDocOrder, int k) {
    int n = to - from;
    int want = k <= 0 ? n : Math.min(k, n);
    if (want == 0) {
      return new int[0];
    }
    long[] heap = new long[want];
    int size = 0;
    for (int c = from; c < to; c++) {
      long key = RankingKeys.key(row[offset + c], docOrder[c]);
      if (size < want) {
        heap[size] = key;
        siftUp(heap, size++);
      } else if (key > heap[0]) {
        heap[0] = key;
        siftDown(heap, size);
      }
    }
    Arrays.sort(heap, 0, size);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = columnOfDocOrder[RankingKeys.docOrder(heap[size - 1 - i])];
    }
    return out;
  }

  private static void siftUp(long[] h, int i) {
    long v = h[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (h[p] <= v) {
        break;
      }
      h[i] = h[p];
      i = p;
    }
    h[i] = v;
  }

  private static void siftDown(long[] h, int size) {
    long v = h[0];
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int m = (l + 1 < size && h[l + 1] < h[l]) ? l + 1 : l;
      if (h[m] >= v) {
        break;
      }
      h[i] = h[m];
      i = m;
    }
    h[i] = v;
  }
}
