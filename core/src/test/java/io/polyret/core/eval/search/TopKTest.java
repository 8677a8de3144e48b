package io.polyret.core.eval.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

  private static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inv[order[i]] = i;
    }
    return inv;
  }

  @Test
  void tiesBreakOnDocidInDescendingStringOrder() {
    List<String> docids = List.of("d1", "d2", "d10", "a", "z");
    float[] row = {0.5f, 0.5f, 0.5f, 0.9f, -0.0f};
    int[] order = RankingKeys.docOrders(docids);
    int[] top = TopK.select(row, 0, 0, row.length, order, inverse(order), 0);
    // "a" scores best; the three 0.5 ties in descending string order: d2 > d10 > d1; then z.
    String[] ranked = Arrays.stream(top).mapToObj(docids::get).toArray(String[]::new);
    assertArrayEquals(new String[] {"a", "d2", "d10", "d1", "z"}, ranked);
    int[] top2 = TopK.select(row, 0, 0, row.length, order, inverse(order), 2);
    assertArrayEquals(new int[] {3, 1}, top2);
  }

  /**
   * trec_eval breaks ties by strcmp on the UTF-8 bytes: "a\uD83D\uDE00" (U+1F600, bytes F0 9F 98 80)
   * is greater than "a\uFF01" (bytes EF BC 81), so it ranks first, whereas String.compareTo (UTF-16
   * units D83D < FF01) says the opposite. Checked with trec_eval 10.0: a run of these two tied
   * documents with the emoji one relevant scores P_1 = 1.
   */
  @Test
  void tiesBreakOnCodePointsAsStrcmpDoesBeyondTheBasicPlane() {
    String fullwidth = "a\uFF01";
    String emoji = "a\uD83D\uDE00";
    assertTrue(fullwidth.compareTo(emoji) > 0, "UTF-16 order differs from strcmp here");
    assertTrue(RankingKeys.compareDocids(emoji, fullwidth) > 0);
    assertTrue(RankingKeys.compareDocids("a", emoji) < 0, "a prefix sorts first");
    assertEquals(0, RankingKeys.compareDocids(emoji, new String(emoji)));

    List<String> docids = List.of(fullwidth, emoji, "b");
    float[] row = {0.5f, 0.5f, 0.5f};
    int[] order = RankingKeys.docOrders(docids);
    int[] top = TopK.select(row, 0, 0, row.length, order, inverse(order), 0);
    String[] ranked = Arrays.stream(top).mapToObj(docids::get).toArray(String[]::new);
    assertArrayEquals(new String[] {"b", emoji, fullwidth}, ranked);

    io.polyret.core.eval.trec.RunningTopK running = new io.polyret.core.eval.trec.RunningTopK(2);
    for (String docid : docids) {
      running.offer(0.5f, docid);
    }
    assertArrayEquals(new String[] {"b", emoji}, running.ranked(null));
  }

  @Test
  void negativeZeroTiesWithPositiveZero() {
    assertEquals(RankingKeys.sortableBits(0.0f), RankingKeys.sortableBits(-0.0f));
    assertTrue(RankingKeys.key(-1e-30f, 5) < RankingKeys.key(0.0f, 0));
    assertTrue(RankingKeys.key(0.0f, 1) > RankingKeys.key(-0.0f, 0));
    assertThrows(IllegalArgumentException.class, () -> RankingKeys.sortableBits(Float.NaN));
  }

  @Test
  void matchesAFullSortOnRandomRowsWithManyTies() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(300);
      List<String> docids = new ArrayList<>();
      float[] row = new float[n + 3];
      for (int i = 0; i < n; i++) {
        docids.add("doc" + random.nextInt(1_000_000) + "_" + i);
        row[3 + i] = random.nextInt(7) - 3 + (random.nextBoolean() ? 0.5f : 0f);
      }
      int[] order = RankingKeys.docOrders(docids);
      Integer[] all = new Integer[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      Arrays.sort(all, Comparator.comparingDouble((Integer i) -> -row[3 + i])
          .thenComparing((Integer i) -> docids.get(i), Comparator.reverseOrder()));
      int k = random.nextInt(n + 2);
      int[] top = TopK.select(row, 3, 0, n, order, inverse(order), k);
      int want = k == 0 ? n : Math.min(k, n);
      assertEquals(want, top.length);
      for (int i = 0; i < want; i++) {
        assertEquals((int) all[i], top[i], "position " + i + " of trial " + trial);
      }
    }
  }

  @Test
  void duplicateDocidsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankingKeys.docOrders(List.of("a", "b", "a")));
    assertTrue(e.getMessage().contains("'a'"));
  }
}
