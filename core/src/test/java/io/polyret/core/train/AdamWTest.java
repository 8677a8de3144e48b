package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * AdamW against a double-precision Java reference for 5 steps: a quadratic loss with known gradient,
 * one decayed weight matrix and two no-decay variables (a bias and a LayerNorm weight), a changing
 * learning rate, with and without active gradient clipping.
 */
class AdamWTest {
  private static final String[] NAMES = {"layer.dense.weight", "layer.dense.bias", "layer.LayerNorm.weight"};
  private static final float[][] INIT = {
    {0.5f, -1.5f, 2.0f, 0.25f, -0.75f, 1.0f}, {0.1f, -0.2f, 0.3f}, {1.0f, 0.9f, 1.1f}
  };
  private static final float[][] TARGET = {
    {0.3f, 0.2f, -0.4f, 1.0f, 0.0f, -1.0f}, {1.0f, 1.0f, -1.0f}, {0.5f, 0.5f, 0.5f}
  };
  private static final double[] LR = {0.05, 0.04, 0.03, 0.02, 0.01};

  @Test
  void matchesReferenceWithoutClipping() {
    compare(new AdamW.Settings(0.9, 0.999, 1e-6, 0.1, 0));
  }

  @Test
  void matchesReferenceWithClipping() {
    compare(new AdamW.Settings(0.8, 0.99, 1e-6, 0.05, 0.5));
  }

  private static void compare(AdamW.Settings settings) {
    double[][] expected = reference(settings);
    float[][] actual = new float[NAMES.length][];
    double[] norms = new double[LR.length];
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
      Operand<TFloat32> loss = tf.constant(0f);
      for (int v = 0; v < NAMES.length; v++) {
        Variable<TFloat32> var = tf.withName(NAMES[v]).variable(Shape.of(INIT[v].length), TFloat32.class);
        vars.put(NAMES[v], var);
        try (Result ignored = s.runner().addTarget(tf.assign(var, tf.constant(INIT[v]))).run()) {
          // initialised
        }
        // 0.5 * sum((w - t)^2) * (v + 1): gradient (v + 1) * (w - t)
        Operand<TFloat32> diff = tf.math.sub(tf.identity(var), tf.constant(TARGET[v]));
        loss = tf.math.add(loss,
            tf.math.mul(tf.constant(0.5f * (v + 1)), tf.sum(tf.math.mul(diff, diff), tf.constant(0))));
      }
      AdamW opt = AdamW.build(tf, loss, vars, io.polyret.models.encoder.EncoderVariables::isNoDecay, settings);
      try (Result ignored = s.runner().addTarget(opt.initializer()).run()) {
        // slots zeroed
      }
      for (int step = 0; step < LR.length; step++) {
        try (TFloat32 lr = TFloat32.scalarOf((float) LR[step]);
            Result r = s.runner().feed(opt.learningRate(), lr).fetch(opt.gradientNorm()).addTarget(opt.step()).run()) {
          norms[step] = ((TFloat32) r.get(0)).getFloat();
        }
      }
      for (int v = 0; v < NAMES.length; v++) {
        try (Result r = s.runner().fetch(tf.identity(vars.get(NAMES[v]))).run()) {
          actual[v] = new float[INIT[v].length];
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual[v], false, false));
        }
      }
    }
    for (int v = 0; v < NAMES.length; v++) {
      for (int i = 0; i < actual[v].length; i++) {
        assertEquals(expected[v][i], actual[v][i], 1e-5, NAMES[v] + "[" + i + "]");
      }
      // Each variable moved: the comparison is not between two unchanged initial values.
      assertTrue(Math.abs(expected[v][0] - INIT[v][0]) > 1e-3);
    }
    assertTrue(norms[0] > 0);
  }

  /** Plain AdamW in doubles, with TensorFlow's ApplyAdam form of the bias correction. */
  private static double[][] reference(AdamW.Settings s) {
    double[][] w = new double[NAMES.length][];
    double[][] m = new double[NAMES.length][];
    double[][] v = new double[NAMES.length][];
    for (int k = 0; k < NAMES.length; k++) {
      w[k] = new double[INIT[k].length];
      for (int i = 0; i < w[k].length; i++) {
        w[k][i] = INIT[k][i];
      }
      m[k] = new double[w[k].length];
      v[k] = new double[w[k].length];
    }
    double b1p = s.beta1();
    double b2p = s.beta2();
    for (int step = 0; step < LR.length; step++) {
      double lr = LR[step];
      double[][] grad = new double[NAMES.length][];
      double sq = 0;
      for (int k = 0; k < NAMES.length; k++) {
        grad[k] = new double[w[k].length];
        for (int i = 0; i < w[k].length; i++) {
          grad[k][i] = (k + 1) * (w[k][i] - TARGET[k][i]);
          sq += grad[k][i] * grad[k][i];
        }
      }
      double norm = Math.sqrt(sq);
      double scale = s.maxGradNorm() > 0 ? s.maxGradNorm() / Math.max(norm, s.maxGradNorm()) : 1;
      double alpha = lr * Math.sqrt(1 - b2p) / (1 - b1p);
      for (int k = 0; k < NAMES.length; k++) {
        boolean decay = !io.polyret.models.encoder.EncoderVariables.isNoDecay(NAMES[k]);
        for (int i = 0; i < w[k].length; i++) {
          double g = grad[k][i] * scale;
          if (decay) {
            w[k][i] -= lr * s.weightDecay() * w[k][i];
          }
          m[k][i] = s.beta1() * m[k][i] + (1 - s.beta1()) * g;
          v[k][i] = s.beta2() * v[k][i] + (1 - s.beta2()) * g * g;
          w[k][i] -= alpha * m[k][i] / (Math.sqrt(v[k][i]) + s.epsilon());
        }
      }
      b1p *= s.beta1();
      b2p *= s.beta2();
    }
    return w;
  }
}
