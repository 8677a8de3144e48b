package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Dynamic loss scaling in {@link AdamW}: a forced overflow skips the whole update and halves the
 * scale; good steps update exactly as unscaled AdamW (power-of-two scales are exact) and double the
 * scale after the growth interval.
 */
class LossScalingTest {
  private static final float[] INIT = {0.5f, -1.5f, 2.0f, 0.25f};

  /** A linear loss sum(w * x) over one decayed weight vector; x is fed, so gradients are x * scale. */
  private static final class Problem implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session = new Session(graph, SessionConfigs.configProto(1));
    final Placeholder<TFloat32> x;
    final Variable<TFloat32> w;
    final AdamW adam;
    final Operand<TFloat32> loss;

    Problem(LossScaling scaling) {
      Ops tf = Ops.create(graph);
      w = tf.withName("layer.dense.weight").variable(Shape.of(INIT.length), TFloat32.class);
      x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(INIT.length)));
      loss = tf.sum(tf.math.mul(tf.identity(w), x), tf.constant(0));
      Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
      vars.put("layer.dense.weight", w);
      adam = AdamW.build(tf, loss, vars, n -> false, new AdamW.Settings(0.9, 0.999, 1e-6, 0.1, 0), scaling);
      run(tf.assign(w, tf.constant(INIT)));
      run(adam.initializer());
    }

    private void run(org.tensorflow.op.Op op) {
      try (Result ignored = session.runner().addTarget(op).run()) {
        // target only
      }
    }

    /** One step; returns whether it was applied (finite) when scaling is on. */
    boolean step(float[] input) {
      try (TFloat32 in = TFloat32.vectorOf(input);
          TFloat32 lr = TFloat32.scalarOf(0.01f)) {
        Session.Runner r = session.runner().feed(x, in).feed(adam.learningRate(), lr).addTarget(adam.step());
        adam.lossScaling().ifPresent(s -> r.fetch(s.finite()));
        try (Result res = r.run()) {
          return adam.lossScaling().isEmpty() || ((TBool) res.get(0)).getBoolean();
        }
      }
    }

    float[] read(String name) {
      try (Result r = session.runner().fetch(name).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[(int) Math.max(1, t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }

    float scale() {
      return read(LossScaling.SCALE_NAME)[0];
    }

    float goodSteps() {
      return read(LossScaling.GOOD_STEPS_NAME)[0];
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void forcedOverflowSkipsTheStepAndHalvesTheScale() {
    try (Problem p = new Problem(new LossScaling(1024, 2, 1))) {
      assertEquals(1024f, p.scale());
      assertTrue(p.step(new float[] {1f, 2f, -1f, 0.5f}));
      assertEquals(1f, p.goodSteps());
      float[] w = p.read("layer.dense.weight");
      float[] m = p.read("adamw.m.layer.dense.weight");
      float[] v = p.read("adamw.v.layer.dense.weight");
      float[] beta1Power = p.read("adamw.beta1_power");

      // 1e36 * 1024 overflows float32: the scaled gradient is infinite.
      assertFalse(p.step(new float[] {1e36f, 1f, 1f, 1f}));
      assertEquals(512f, p.scale());
      assertEquals(0f, p.goodSteps());
      assertArrayEquals(w, p.read("layer.dense.weight"), "weights unchanged (no decay, no Adam step)");
      assertArrayEquals(m, p.read("adamw.m.layer.dense.weight"));
      assertArrayEquals(v, p.read("adamw.v.layer.dense.weight"));
      assertArrayEquals(beta1Power, p.read("adamw.beta1_power"));

      // NaN also counts as an overflow.
      assertFalse(p.step(new float[] {Float.NaN, 1f, 1f, 1f}));
      assertEquals(256f, p.scale());

      // Two good steps in a row (the growth interval) double the scale and restart the count.
      assertTrue(p.step(new float[] {1f, 1f, 1f, 1f}));
      assertEquals(256f, p.scale());
      assertTrue(p.step(new float[] {1f, 1f, 1f, 1f}));
      assertEquals(512f, p.scale());
      assertEquals(0f, p.goodSteps());
      assertNotEquals(w[0], p.read("layer.dense.weight")[0]);
    }
  }

  @Test
  void finiteStepsMatchUnscaledAdamWExactly() {
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      inputs.add(new float[] {0.1f * (i + 1), -0.3f, 0.7f / (i + 1), 2f});
    }
    float[] scaled;
    float[] plain;
    try (Problem p = new Problem(LossScaling.dynamic())) {
      inputs.forEach(p::step);
      scaled = p.read("layer.dense.weight");
    }
    try (Problem p = new Problem(null)) {
      inputs.forEach(p::step);
      plain = p.read("layer.dense.weight");
      assertTrue(p.adam.lossScaling().isEmpty());
    }
    assertArrayEquals(plain, scaled);
  }

  @Test
  void refusesBadSettings() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LossScaling(0.5, 10, 0.25));
    assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LossScaling(8, 0, 1));
  }
}
