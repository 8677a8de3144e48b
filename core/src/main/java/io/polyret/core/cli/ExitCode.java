package io.polyret.core.cli;

/** Process exit codes of the {@code polyret} command line. */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int SUCCESS = 0;
    /** The command ran and failed (or is not available in this build). */
    public static final int FAILURE = 1;
    /** Bad usage or bad input: unknown command or option, bad value, unreadable config. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
