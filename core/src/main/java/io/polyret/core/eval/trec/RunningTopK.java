package io.polyret.core.eval.trec;

import io.polyret.core.eval.search.RankingKeys;
import java.util.Arrays;

/**
 * The best {@code k} documents seen so far for one query, in trec_eval order (score descending,
 * then docid descending), fed chunk after chunk while a corpus streams past.
 */
public final class RunningTopK {
  private final int k;
  private final float[] scores;
  private final String[] docids;
  private int size;

  /** Keeps at most {@code k} documents. */
  public RunningTopK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    this.k = k;
    this.scores = new float[k];
    this.docids = new String[k];
  }

  /** Offers one document. */
  public void offer(float score, String docid) {
    score += 0.0f;
    if (size < k) {
      scores[size] = score;
      docids[size] = docid;
      siftUp(size++);
    } else if (worse(scores[0], docids[0], score, docid)) {
      scores[0] = score;
      docids[0] = docid;
      siftDown();
    }
  }

  /** Whether a score could enter (cheap pre-check before touching the docid). */
  public boolean mayAccept(float score) {
    return size < k || score >= scores[0];
  }

  /** Retained docids best first, with their scores in {@code scoresOut} (same length). */
  public String[] ranked(float[] scoresOut) {
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> worse(scores[a], docids[a], scores[b], docids[b]) ? 1
        : worse(scores[b], docids[b], scores[a], docids[a]) ? -1 : 0);
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      out[i] = docids[idx[i]];
      if (scoresOut != null) {
        scoresOut[i] = scores[idx[i]];
      }
    }
    return out;
  }

  /** Number retained. */
  public int size() {
    return size;
  }

  /** Whether (s1, d1) ranks below (s2, d2). */
  private static boolean worse(float s1, String d1, float s2, String d2) {
    return s1 < s2 || (s1 == s2 && RankingKeys.compareDocids(d1, d2) < 0);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!worse(scores[i], docids[i], scores[p], docids[p])) {
        break;
      }
      swap(i, p);
      i = p;
    }
  }

  private void siftDown() {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int m = l + 1 < size && worse(scores[l + 1], docids[l + 1], scores[l], docids[l]) ? l + 1 : l;
      if (!worse(scores[m], docids[m], scores[i], docids[i])) {
        break;
      }
      swap(i, m);
      i = m;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    String d = docids[a];
    docids[a] = docids[b];
    docids[b] = d;
  }
}
