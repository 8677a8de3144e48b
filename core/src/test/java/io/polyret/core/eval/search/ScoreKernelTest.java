package io.polyret.core.eval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreKernelTest {

  @Test
  void javaAndTensorFlowKernelsMatchAPlainDotProduct() {
    Random random = new Random(3);
    int n = 301;
    int d = 37;
    int rows = 11;
    float[] cand = new float[n * d];
    float[] queries = new float[(rows + 2) * d];
    for (int i = 0; i < cand.length; i++) {
      cand[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < queries.length; i++) {
      queries[i] = (float) random.nextGaussian();
    }
    for (ScoreKernels.Kind kind : ScoreKernels.Kind.values()) {
      for (int threads : new int[] {1, 2}) {
        try (ScoreKernel k = ScoreKernels.create(kind, cand, n, d, threads)) {
          float[] out = new float[rows * n];
          k.score(queries, 2, rows, out);
          for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) {
              double dot = 0;
              for (int j = 0; j < d; j++) {
                dot += (double) queries[(r + 2) * d + j] * cand[c * d + j];
              }
              assertEquals(dot, out[r * n + c], 1e-4, kind + " row " + r + " col " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void emptyPoolAndWrongShapesAreRejected() {
    for (ScoreKernels.Kind kind : ScoreKernels.Kind.values()) {
      assertThrows(IllegalArgumentException.class,
          () -> ScoreKernels.create(kind, new float[0], 0, 4, 1));
      assertThrows(IllegalArgumentException.class,
          () -> ScoreKernels.create(kind, new float[10], 3, 4, 1));
    }
    assertEquals(ScoreKernels.Kind.TENSORFLOW, ScoreKernels.Kind.parse("TF"));
    assertThrows(IllegalArgumentException.class, () -> ScoreKernels.Kind.parse("cuda"));
  }
}
