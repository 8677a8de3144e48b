package io.polyret.core.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** What a running command may use besides its settings: output streams and progress reporting. */
public final class CommandContext {
    private final String command;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final boolean terminal;
    private final LongSupplier nanoClock;

    /**
     * @param command   the command's name, used to prefix messages
     * @param out       where results and progress go
     * @param err       where diagnostics go
     * @param verbose   whether {@code --verbose} was given
     * @param terminal  whether {@code out} is an interactive terminal (progress bar instead of lines)
     * @param nanoClock monotonic clock in nanoseconds (for rates and ETAs)
     */
    public CommandContext(String command, PrintStream out, PrintStream err, boolean verbose, boolean terminal,
                          LongSupplier nanoClock) {
        this.command = command;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** The command's name. */
    public String command() {
        return command;
    }

    /** Standard output. */
    public PrintStream out() {
        return out;
    }

    /** Standard error. */
    public PrintStream err() {
        return err;
    }

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /**
     * A progress reporter for a task of {@code total} units: a redrawn bar on a terminal, plain
     * lines (every 10%) otherwise, e.g. in CI logs.
     */
    public ProgressReporter progress(String label, long total) {
        return terminal
                ? new TerminalProgressBar(out, label, total, nanoClock)
                : new LineProgressReporter(out, label, total, nanoClock);
    }
}
