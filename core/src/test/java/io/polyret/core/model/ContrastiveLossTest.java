package io.polyret.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The loss graph against a plain double-precision computation on known embeddings. */
class ContrastiveLossTest {
  private static final double TAU = 0.05;

  @Test
  void everyModeMatchesPlainJava() {
    Random r = new Random(11);
    for (int trial = 0; trial < 3; trial++) {
      int b = 3 + trial;
      int negatives = trial; // 0, 1 and 2 hard negatives
      float[][] q = unitRows(r, b, 6);
      float[][] p = unitRows(r, b + negatives, 6);
      for (LossMode mode : LossMode.values()) {
        for (boolean symmetric : new boolean[] {false, true}) {
          double expected = reference(q, p, mode, symmetric);
          double actual = graphLoss(q, p, mode, symmetric);
          assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)),
              mode + " symmetric=" + symmetric + " trial " + trial);
        }
      }
    }
  }

  @Test
  void modesDifferWhenThereAreNegatives() {
    Random r = new Random(5);
    float[][] q = unitRows(r, 4, 6);
    float[][] p = unitRows(r, 6, 6);
    double paper = graphLoss(q, p, LossMode.PAPER, false);
    double inBatch = graphLoss(q, p, LossMode.IN_BATCH, false);
    // In-batch has strictly more terms in every denominator.
    org.junit.jupiter.api.Assertions.assertTrue(inBatch > paper, inBatch + " vs " + paper);
  }

  @Test
  void unknownModeIsRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossMode.parse("triplet"));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'triplet'"), e.getMessage());
  }

  static double reference(float[][] q, float[][] p, LossMode mode, boolean symmetric) {
    int b = q.length;
    int n = p.length;
    double[][] logits = new double[b][n];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < q[i].length; k++) {
          dot += (double) q[i][k] * p[j][k];
        }
        logits[i][j] = dot / TAU;
      }
    }
    double q2p = 0;
    for (int i = 0; i < b; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (allowed(mode, i, j, b)) {
          max = Math.max(max, logits[i][j]);
        }
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        if (allowed(mode, i, j, b)) {
          sum += Math.exp(logits[i][j] - max);
        }
      }
      q2p += -(logits[i][i] - max - Math.log(sum));
    }
    q2p /= b;
    if (!symmetric) {
      return q2p;
    }
    double p2q = 0;
    for (int j = 0; j < b; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < b; i++) {
        max = Math.max(max, logits[i][j]);
      }
      double sum = 0;
      for (int i = 0; i < b; i++) {
        sum += Math.exp(logits[i][j] - max);
      }
      p2q += -(logits[j][j] - max - Math.log(sum));
    }
    p2q /= b;
    return 0.5 * (q2p + p2q);
  }

  private static boolean allowed(LossMode mode, int i, int j, int b) {
    return mode == LossMode.IN_BATCH || j == i || j >= b;
  }

  private static double graphLoss(float[][] q, float[][] p, LossMode mode, boolean symmetric) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var loss = ContrastiveLoss.build(tf, tf.constant(q), tf.constant(p), mode, symmetric, TAU);
      try (Result r = s.runner().fetch(loss).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  static float[][] unitRows(Random r, int rows, int dim) {
    float[][] out = new float[rows][dim];
    for (float[] row : out) {
      double norm = 0;
      for (int k = 0; k < dim; k++) {
        row[k] = (float) r.nextGaussian();
        norm += row[k] * row[k];
      }
      for (int k = 0; k < dim; k++) {
        row[k] /= (float) Math.sqrt(norm);
      }
    }
    return out;
  }
}
