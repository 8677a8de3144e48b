package io.polyret.core.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Dynamic loss scaling for float16 mixed precision, as graph state used by {@link AdamW}: the loss
 * is multiplied by a scale before differentiation so that small gradients survive float16's range,
 * and the gradients are divided by it again before clipping and the update. When any gradient is
 * not finite the update is skipped (no weight, moment or beta-power changes) and the scale halves;
 * after {@code growthInterval} finite steps in a row it doubles. The scale and the count of good
 * steps are variables ({@value #SCALE_NAME}, {@value #GOOD_STEPS_NAME}), so checkpoints keep them.
 *
 * @param initialScale the scale of a fresh run (a power of two keeps scaling exact)
 * @param growthInterval finite steps in a row before the scale doubles
 * @param minScale the scale never halves below this
 */
public record LossScaling(double initialScale, long growthInterval, double minScale) {

  /** Variable holding the current scale. */
  public static final String SCALE_NAME = "amp.loss_scale";
  /** Variable counting finite steps since the last change of scale. */
  public static final String GOOD_STEPS_NAME = "amp.good_steps";

  public LossScaling {
    if (!(initialScale >= 1) || !Double.isFinite(initialScale)) {
      throw new IllegalArgumentException("initial loss scale must be >= 1 and finite, got " + initialScale);
    }
    if (growthInterval < 1) {
      throw new IllegalArgumentException("loss-scale growth interval must be >= 1, got " + growthInterval);
    }
    if (!(minScale > 0) || minScale > initialScale) {
      throw new IllegalArgumentException("minimum loss scale must be in (0, initial scale], got " + minScale);
    }
  }

  /** The usual defaults (those of Keras' LossScaleOptimizer): 2^15, doubling after 2000 good steps. */
  public static LossScaling dynamic() {
    return new LossScaling(32768, 2000, 1);
  }

  /** The graph side, built by {@link AdamW}. */
  public static final class Ops {
    private final Variable<TFloat32> scale;
    private final Variable<TFloat32> goodSteps;
    private final Operand<TFloat32> scaleValue;
    private final Op initializer;
    private Operand<TBool> finite;
    private Op update;

    Ops(org.tensorflow.op.Ops tf, LossScaling settings) {
      scale = tf.withName(SCALE_NAME).variable(Shape.scalar(), TFloat32.class);
      goodSteps = tf.withName(GOOD_STEPS_NAME).variable(Shape.scalar(), TFloat32.class);
      scaleValue = tf.identity(scale);
      initializer =
          tf.withControlDependencies(
                  List.of(tf.assign(scale, tf.constant((float) settings.initialScale())),
                      tf.assign(goodSteps, tf.constant(0f))))
              .noOp();
    }

    /** The scale as read this step. */
    public Operand<TFloat32> scale() {
      return scaleValue;
    }

    /** True when this step's gradients were all finite (and so the update was applied). */
    public Operand<TBool> finite() {
      return finite;
    }

    /** Sets the scale for a fresh run. */
    public Op initializer() {
      return initializer;
    }

    /** The scale's update (run with the step). */
    Op update() {
      return update;
    }

    /**
     * Builds the scale update after everything in {@code after} (the step's forward values and
     * gradients), from whether the gradient norm is finite.
     */
    void buildUpdate(org.tensorflow.op.Ops tf, Operand<TFloat32> gradientNorm, List<Op> after, LossScaling s) {
      finite = tf.withName("amp.finite").math.isFinite(gradientNorm);
      org.tensorflow.op.Ops later = tf.withControlDependencies(after);
      Operand<TFloat32> good = later.identity(goodSteps);
      Operand<TFloat32> goodPlusOne = later.math.add(good, later.constant(1f));
      Operand<TBool> grow = later.math.greaterEqual(goodPlusOne, later.constant((float) s.growthInterval()));
      Operand<TFloat32> grown = later.select(grow, later.math.mul(scaleValue, later.constant(2f)), scaleValue);
      Operand<TFloat32> halved =
          later.math.maximum(later.math.mul(scaleValue, later.constant(0.5f)), later.constant((float) s.minScale()));
      Operand<TFloat32> newScale = later.select(finite, grown, halved);
      Operand<TFloat32> newGood =
          later.select(finite, later.select(grow, later.constant(0f), goodPlusOne), later.constant(0f));
      update =
          tf.withControlDependencies(List.of(later.assign(scale, newScale), later.assign(goodSteps, newGood)))
              .withName("amp.update")
              .noOp();
    }
  }
}
