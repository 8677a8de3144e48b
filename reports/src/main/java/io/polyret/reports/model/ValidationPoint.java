package io.polyret.reports.model;

/**
 * One {@code "type":"validation"} line of the training log.
 *
 * @param step step after which validation ran
 * @param valLoss validation loss (NaN when the run diverged)
 * @param best true when this was the lowest validation loss so far (checkpoint kept)
 */
public record ValidationPoint(long step, double valLoss, boolean best) {
  /** Non-finite validation loss is allowed: a diverged run still gets reported. */
  public ValidationPoint {}
}
