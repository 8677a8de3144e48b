package io.polyret.core.train;

/**
 * The learning rate of each step, computed in Java and fed to the graph (so a schedule never needs
 * a graph change).
 *
 * <p>Steps are counted from 0 ({@code stepIndex} = number of steps already taken). The linear
 * schedule rises as {@code peak * (t + 1) / warmup} for {@code t < warmup}, then falls as
 * {@code peak * (total - t) / (total - warmup)}, so neither the first nor the last step is wasted
 * with a zero rate.
 */
public final class LearningRateSchedule {
  private final ScheduleKind kind;
  private final double peak;
  private final long totalSteps;
  private final long warmupSteps;

  /**
   * @param kind the shape
   * @param peak the rate after warm-up, > 0
   * @param totalSteps the number of steps of the run, > 0
   * @param warmupSteps warm-up length in steps, in [0, totalSteps]; ignored by the constant schedule
   */
  public LearningRateSchedule(ScheduleKind kind, double peak, long totalSteps, long warmupSteps) {
    if (!(peak > 0) || !Double.isFinite(peak)) {
      throw new IllegalArgumentException("learningRate must be > 0 and finite, got " + peak);
    }
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("total steps must be > 0, got " + totalSteps);
    }
    if (warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException(
          "warmupSteps must be in [0, " + totalSteps + "], got " + warmupSteps);
    }
    this.kind = kind;
    this.peak = peak;
    this.totalSteps = totalSteps;
    this.warmupSteps = warmupSteps;
  }

  /** The rate for the step that follows {@code stepIndex} completed steps. */
  public double rate(long stepIndex) {
    if (stepIndex < 0) {
      throw new IllegalArgumentException("step index must be >= 0, got " + stepIndex);
    }
    if (kind == ScheduleKind.CONSTANT) {
      return peak;
    }
    if (stepIndex < warmupSteps) {
      return peak * (stepIndex + 1) / warmupSteps;
    }
    long remaining = Math.max(0, totalSteps - stepIndex);
    long decaySteps = totalSteps - warmupSteps;
    return decaySteps == 0 ? peak : peak * remaining / decaySteps;
  }

  public long totalSteps() {
    return totalSteps;
  }

  public long warmupSteps() {
    return warmupSteps;
  }
}
