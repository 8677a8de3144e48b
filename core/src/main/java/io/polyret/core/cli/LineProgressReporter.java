package io.polyret.core.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for logs and pipes: one line when each further 10% is reached (every
 * 1,000 units when the total is unknown) and one at the end.
 */
final class LineProgressReporter extends AbstractProgressReporter {
    private static final long UNKNOWN_TOTAL_STEP = 1000;

    LineProgressReporter(PrintStream out, String label, long total, LongSupplier nanoClock) {
        super(out, label, total, nanoClock);
    }

    @Override
    protected void onProgress(long previous, long current) {
        boolean crossed = total > 0
                ? bucket(previous) < bucket(current) && current < total
                : previous / UNKNOWN_TOTAL_STEP < current / UNKNOWN_TOTAL_STEP;
        if (crossed) {
            out.println(label + ": " + status());
            out.flush();
        }
    }

    @Override
    protected void onFinish() {
        out.println(label + ": done, " + done() + (total > 0 ? "/" + total : "") + " in "
                + formatDuration(elapsedSeconds()));
        out.flush();
    }

    private long bucket(long units) {
        return 10 * Math.min(units, total) / total;
    }
}
