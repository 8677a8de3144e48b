package io.polyret.core.cli;

import io.polyret.core.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress as plain lines (for terminals, logs and the Maven log): step, loss, learning
 * rate, examples per second and the remaining time, at the first step, every 5% of the run or every
 * 30 seconds (whichever comes first) and at the last step; validations and warnings as they come.
 */
final class TrainingProgress implements TrainingListener {
    private static final long MAX_SILENCE_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanoClock;
    private long firstStep;
    private long totalSteps;
    private long startNanos;
    private long lastPrintNanos;
    private long nextPrintStep;

    TrainingProgress(PrintStream out, PrintStream err, LongSupplier nanoClock) {
        this.out = out;
        this.err = err;
        this.nanoClock = nanoClock;
    }

    private long interval() {
        return Math.max(1, totalSteps / 20);
    }

    @Override
    public void onStart(long first, long total) {
        firstStep = first;
        totalSteps = total;
        startNanos = nanoClock.getAsLong();
        lastPrintNanos = startNanos;
        nextPrintStep = first;
        out.printf(Locale.ROOT, "training: steps %d to %d%n", first, total);
        out.flush();
    }

    @Override
    public void onStep(StepReport report) {
        long now = nanoClock.getAsLong();
        boolean due = report.step() >= nextPrintStep || report.step() == totalSteps
                || now - lastPrintNanos >= MAX_SILENCE_NANOS;
        if (!due) {
            return;
        }
        lastPrintNanos = now;
        nextPrintStep = (report.step() / interval() + 1) * interval();
        long done = report.step() - firstStep + 1;
        double secondsPerStep = (now - startNanos) / 1e9 / done;
        long left = Math.max(0, totalSteps - report.step());
        out.println(String.format(Locale.ROOT, "step %d/%d (%d%%), loss %.4f, lr %.2e, %.1f examples/s",
                report.step(), totalSteps, totalSteps > 0 ? 100 * report.step() / totalSteps : 0, report.loss(),
                report.learningRate(), report.examplesPerSecond())
                + (left > 0 ? ", ETA " + AbstractProgressReporter.formatDuration(left * secondsPerStep) : ""));
        out.flush();
    }

    @Override
    public void onValidation(long step, double validationLoss, boolean best) {
        out.printf(Locale.ROOT, "validation at step %d: loss %.4f%s%n", step, validationLoss, best ? " (best so far)" : "");
        out.flush();
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
        // Checkpoints are in the training log; a line per checkpoint would drown the progress.
    }

    @Override
    public void onWarning(String message) {
        err.println("warning: " + message);
    }
}
