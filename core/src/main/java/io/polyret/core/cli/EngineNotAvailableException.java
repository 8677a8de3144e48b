package io.polyret.core.cli;

/** A command whose engine is not part of this build; ends the process with {@link ExitCode#FAILURE}. */
public class EngineNotAvailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param command the command name, e.g. {@code train} */
    public EngineNotAvailableException(String command) {
        super(command + " is not available yet in this build");
    }
}
