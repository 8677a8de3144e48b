package io.polyret.core.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * AdamW (Loshchilov and Hutter: Adam with decoupled weight decay) as graph ops, with optional
 * gradient clipping by global norm.
 *
 * <p>One update, in order: all gradients are computed; the global norm is taken and gradients are
 * scaled by {@code clip / max(norm, clip)}; every decayed variable is shrunk by
 * {@code lr * weightDecay * w} (under control dependencies on every gradient, so no gradient reads an
 * updated weight); {@code ApplyAdam} updates each variable (after its decay); the beta-power
 * accumulators advance only after every apply. The framework optimizers skip that last dependency
 * and are not reproducible (see tensorflow-java-notes.md). The learning rate is a placeholder fed
 * each step, so schedules live in Java.
 *
 * <p>The Adam step is TensorFlow's {@code ApplyAdam}: {@code w -= lr * sqrt(1 - b2^t) / (1 - b1^t) *
 * m / (sqrt(v) + eps)}.
 */
public final class AdamW {

  /** Hyper-parameters other than the learning rate. */
  public record Settings(double beta1, double beta2, double epsilon, double weightDecay, double maxGradNorm) {
    public Settings {
      if (!(beta1 >= 0 && beta1 < 1)) {
        throw new IllegalArgumentException("adamBeta1 must be in [0, 1), got " + beta1);
      }
      if (!(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("adamBeta2 must be in [0, 1), got " + beta2);
      }
      if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
        throw new IllegalArgumentException("adamEpsilon must be > 0, got " + epsilon);
      }
      if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
        throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
      }
      if (!(maxGradNorm >= 0) || !Double.isFinite(maxGradNorm)) {
        throw new IllegalArgumentException("maxGradNorm must be >= 0 (0 = no clipping), got " + maxGradNorm);
      }
    }
  }

  private final Placeholder<TFloat32> learningRate;
  private final Operand<TFloat32> gradientNorm;
  private final Map<String, Operand<TFloat32>> gradients;
  private final Op step;
  private final Op initializer;
  private final LossScaling.Ops lossScaling;

  private AdamW(
      Placeholder<TFloat32> learningRate, Operand<TFloat32> gradientNorm,
      Map<String, Operand<TFloat32>> gradients, Op step, Op initializer, LossScaling.Ops lossScaling) {
    this.learningRate = learningRate;
    this.gradientNorm = gradientNorm;
    this.gradients = gradients;
    this.step = step;
    this.initializer = initializer;
    this.lossScaling = lossScaling;
  }

  /**
   * Builds the update of {@code variables} that lowers {@code loss}.
   *
   * @param variables trainable variables by name (names become part of the slot names)
   * @param noDecay names of variables exempt from weight decay (biases, LayerNorm)
   */
  public static AdamW build(
      Ops tf, Operand<TFloat32> loss, Map<String, Variable<TFloat32>> variables, Predicate<String> noDecay,
      Settings settings) {
    return build(tf, loss, variables, noDecay, settings, null);
  }

  /**
   * As {@link #build(Ops, Operand, Map, Predicate, Settings)}, with dynamic loss scaling when
   * {@code scaling} is not null (float16 mixed precision): gradients of {@code loss * scale},
   * divided by the scale; a step with a non-finite gradient norm changes no weight, moment or beta
   * power, and the scale adapts (see {@link LossScaling}).
   */
  public static AdamW build(
      Ops tf, Operand<TFloat32> loss, Map<String, Variable<TFloat32>> variables, Predicate<String> noDecay,
      Settings settings, LossScaling scaling) {
    List<String> names = new ArrayList<>(variables.keySet());
    List<Operand<TFloat32>> vars = new ArrayList<>();
    for (String n : names) {
      vars.add(variables.get(n));
    }
    Placeholder<TFloat32> lr =
        tf.withName("adamw.learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    LossScaling.Ops lossScale = scaling == null ? null : new LossScaling.Ops(tf, scaling);
    List<Operand<TFloat32>> raw = new ArrayList<>();
    var dy = tf.gradients(lossScale == null ? loss : tf.math.mul(loss, lossScale.scale()), vars);
    Operand<TFloat32> unscale = lossScale == null ? null : tf.math.reciprocal(lossScale.scale());
    for (int i = 0; i < names.size(); i++) {
      raw.add(lossScale == null ? dy.<TFloat32>dy(i) : tf.math.mul(dy.<TFloat32>dy(i), unscale));
    }
    // Per-variable sums of squares added in a fixed order: deterministic, and without the copy of
    // every gradient that one concatenated reduction would make. L2Loss (sum(g^2) / 2) is one kernel
    // per gradient where Square + Sum would be two passes and a temporary the size of the variable.
    List<Operand<TFloat32>> halfSquares = new ArrayList<>();
    for (Operand<TFloat32> g : raw) {
      halfSquares.add(tf.nn.l2Loss(g));
    }
    Operand<TFloat32> halfSum = halfSquares.size() == 1 ? halfSquares.get(0) : tf.math.addN(halfSquares);
    Operand<TFloat32> norm =
        tf.withName("adamw.global_norm").math.sqrt(tf.math.mul(halfSum, tf.constant(2f)));

    List<Operand<TFloat32>> grads = new ArrayList<>();
    if (settings.maxGradNorm() > 0) {
      Operand<TFloat32> clip = tf.constant((float) settings.maxGradNorm());
      Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(norm, clip));
      for (Operand<TFloat32> g : raw) {
        grads.add(tf.math.mul(g, scale));
      }
    } else {
      grads.addAll(raw);
    }
    List<Op> gradientDeps = new ArrayList<>(grads);
    gradientDeps.add(norm);
    // The loss too: variables are read through identity ops that may alias their buffers, so every
    // forward value must be final before the first in-place update.
    gradientDeps.add(loss);
    Ops afterGradients = tf.withControlDependencies(gradientDeps);
    Operand<TFloat32> appliedRate = lr;
    if (lossScale != null) {
      lossScale.buildUpdate(tf, norm, gradientDeps, scaling);
      // The rate reaches decay and ApplyAdam only through Switch's true branch: on a non-finite
      // step that branch is dead, so TensorFlow skips every op downstream of it (no update at all).
      appliedRate = tf.withName("amp.gated_learning_rate").switchCond(lr, lossScale.finite()).outputTrue();
    }

    Operand<TFloat32> beta1 = tf.constant((float) settings.beta1());
    Operand<TFloat32> beta2 = tf.constant((float) settings.beta2());
    Operand<TFloat32> epsilon = tf.constant((float) settings.epsilon());
    Variable<TFloat32> beta1Power = tf.withName("adamw.beta1_power").variable(Shape.scalar(), TFloat32.class);
    Variable<TFloat32> beta2Power = tf.withName("adamw.beta2_power").variable(Shape.scalar(), TFloat32.class);
    Operand<TFloat32> beta1PowerValue = tf.identity(beta1Power);
    Operand<TFloat32> beta2PowerValue = tf.identity(beta2Power);

    List<Op> inits = new ArrayList<>();
    inits.add(tf.assign(beta1Power, tf.constant((float) settings.beta1())));
    inits.add(tf.assign(beta2Power, tf.constant((float) settings.beta2())));
    List<Op> applies = new ArrayList<>();
    Map<String, Operand<TFloat32>> gradientsByName = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Variable<TFloat32> var = variables.get(name);
      Shape shape = var.shape();
      Variable<TFloat32> m = tf.withName("adamw.m." + name).variable(shape, TFloat32.class);
      Variable<TFloat32> v = tf.withName("adamw.v." + name).variable(shape, TFloat32.class);
      Operand<TFloat32> zeros = tf.zeros(tf.constant(shape.asArray()), TFloat32.class);
      inits.add(tf.assign(m, zeros));
      inits.add(tf.assign(v, zeros));

      Ops applyScope = afterGradients;
      if (settings.weightDecay() > 0 && !noDecay.test(name)) {
        // w -= (lr * wd) * w in place: ApplyGradientDescent with the weight as its own "gradient"
        // is one kernel, where Mul + AssignSub would materialise a temporary the size of w. The
        // rate is the applied one (zero on a step that loss scaling skips).
        Operand<TFloat32> rate =
            afterGradients.math.mul(appliedRate, afterGradients.constant((float) settings.weightDecay()));
        Op decay = afterGradients.train.applyGradientDescent(var, rate, afterGradients.identity(var));
        List<Op> deps = new ArrayList<>(gradientDeps);
        deps.add(decay);
        applyScope = tf.withControlDependencies(deps);
      }
      applies.add(
          applyScope.train.applyAdam(var, m, v, beta1PowerValue, beta2PowerValue, appliedRate, beta1, beta2, epsilon, grads.get(i)));
      gradientsByName.put(name, raw.get(i));
    }
    Ops afterApplies = tf.withControlDependencies(applies);
    Op advance1 = afterApplies.assign(beta1Power, afterApplies.math.mul(beta1PowerValue, beta1));
    Op advance2 = afterApplies.assign(beta2Power, afterApplies.math.mul(beta2PowerValue, beta2));
    List<Op> stepDeps = new ArrayList<>(List.of(advance1, advance2));
    if (lossScale != null) {
      stepDeps.add(lossScale.update());
      inits.add(lossScale.initializer());
    }
    Op step = tf.withControlDependencies(stepDeps).withName("adamw.step").noOp();
    Op init = tf.withControlDependencies(inits).withName("adamw.init").noOp();
    return new AdamW(lr, norm, Collections.unmodifiableMap(gradientsByName), step, init, lossScale);
  }

  /** The loss-scaling state when built with {@link LossScaling}; empty otherwise. */
  public java.util.Optional<LossScaling.Ops> lossScaling() {
    return java.util.Optional.ofNullable(lossScaling);
  }

  /** Scalar float32 placeholder: feed the step's learning rate. */
  public Placeholder<TFloat32> learningRate() {
    return learningRate;
  }

  /** The global L2 norm of the gradients before clipping. */
  public Operand<TFloat32> gradientNorm() {
    return gradientNorm;
  }

  /** The unclipped gradient of each variable, by name. */
  public Map<String, Operand<TFloat32>> gradients() {
    return gradients;
  }

  /** Target to run for one update. */
  public Op step() {
    return step;
  }

  /** Zeroes the moments and sets the beta powers; run once before the first step of a fresh run. */
  public Op initializer() {
    return initializer;
  }
}
