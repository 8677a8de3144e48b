package io.polyret.reports.model;

/**
 * One {@code "type":"validation"} line of the training log.
 *
 * @param step step after which validation ran
 * @param valLoss validation loss
 * @param best true when this was the lowest validation loss so far (checkpoint kept)
 */
public record ValidationPoint(long step, double valLoss, boolean best) {
  /** Validates. */
  public ValidationPoint {
    Checks.requireFinite(valLoss, "val_loss");
  }
}
