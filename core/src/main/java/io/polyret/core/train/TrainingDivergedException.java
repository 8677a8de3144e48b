package io.polyret.core.train;

/** Training stopped because the loss or the gradient norm stopped being finite. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  public TrainingDivergedException(long step, String message) {
    super(message);
    this.step = step;
  }

  /** The step whose loss was not finite. */
  public long step() {
    return step;
  }
}
