package io.polyret.core.cli;

/** Bad usage or bad input detected by the command line; ends the process with {@link ExitCode#USAGE}. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line that names the offending option, field or value */
    public UsageException(String message) {
        super(message);
    }

    /** @param message one line that names the offending option, field or value */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
