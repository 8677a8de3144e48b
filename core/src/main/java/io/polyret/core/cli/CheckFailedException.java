package io.polyret.core.cli;

/** A quality gate found violations; ends {@code polyret check} with {@link ExitCode#FAILURE}. */
public class CheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message how many checks failed */
    public CheckFailedException(String message) {
        super(message);
    }
}
