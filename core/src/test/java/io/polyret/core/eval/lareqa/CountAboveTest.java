package io.polyret.core.eval.lareqa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked branch-free count equals a plain count for every number of thresholds and range. */
class CountAboveTest {

  @Test
  void equalsAPlainCountForAnyThresholdCountRangeAndTies() {
    SplittableRandom random = new SplittableRandom(3);
    long[] keys = new long[257];
    for (int i = 0; i < keys.length; i++) {
      // Few distinct values, so thresholds equal to keys (ties) are common; extremes of the key range too.
      keys[i] = switch (i % 5) {
        case 0 -> -(1L << 62);
        case 1 -> (1L << 62) - 1;
        default -> random.nextLong(-20, 20);
      };
    }
    for (int m = 0; m <= 14; m++) {
      long[] thresholds = new long[m];
      for (int k = 0; k < m; k++) {
        thresholds[k] = k % 4 == 3 ? keys[random.nextInt(keys.length)] : random.nextLong(-25, 25);
      }
      int[][] ranges = {{0, keys.length}, {7, 200}, {50, 50}, {0, 1}};
      for (int[] range : ranges) {
        int[] out = new int[m + 3];
        LareqaEvaluator.countAbove(keys, range[0], range[1], thresholds, m, out, 3);
        for (int k = 0; k < m; k++) {
          int expected = 0;
          for (int c = range[0]; c < range[1]; c++) {
            if (keys[c] > thresholds[k]) {
              expected++;
            }
          }
          assertEquals(expected, out[3 + k], "m=" + m + " threshold " + k + " range " + range[0] + ".." + range[1]);
        }
      }
    }
  }
}
