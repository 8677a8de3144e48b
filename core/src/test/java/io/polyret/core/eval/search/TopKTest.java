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
