package io.polyret.reports.model;

/**
 * One {@code "type":"checkpoint"} line of the training log.
 *
 * @param step step the checkpoint was written at
 * @param path checkpoint path as logged
 */
public record CheckpointEntry(long step, String path) {
  /** Validates. */
  public CheckpointEntry {
    Checks.requireText(path, "path");
  }
}
