package io.polyret.core.cli;

/**
 * Reports how far a long task (training steps, encoded passages) has come. Not thread-safe: call it
 * from the thread that does the work.
 */
public interface ProgressReporter extends AutoCloseable {

    /** Adds {@code units} completed units. */
    void advance(long units);

    /** Sets the number of completed units. */
    void update(long done);

    /** Reports completion; further calls have no effect. */
    void finish();

    /** Same as {@link #finish()}. */
    @Override
    default void close() {
        finish();
    }
}
