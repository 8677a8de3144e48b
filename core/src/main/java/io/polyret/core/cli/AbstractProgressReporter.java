package io.polyret.core.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Counting, rate and remaining-time arithmetic shared by the progress reporters. */
abstract class AbstractProgressReporter implements ProgressReporter {
    protected final PrintStream out;
    protected final String label;
    protected final long total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private boolean finished;

    AbstractProgressReporter(PrintStream out, String label, long total, LongSupplier nanoClock) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public final void advance(long units) {
        update(done + units);
    }

    @Override
    public final void update(long newDone) {
        if (finished) {
            return;
        }
        long previous = done;
        done = newDone;
        onProgress(previous, newDone);
    }

    @Override
    public final void finish() {
        if (!finished) {
            finished = true;
            onFinish();
        }
    }

    /** Called after the count moved from {@code previous} to {@code current}. */
    protected abstract void onProgress(long previous, long current);

    /** Called once, on {@link #finish()}. */
    protected abstract void onFinish();

    protected long done() {
        return done;
    }

    protected long nanos() {
        return nanoClock.getAsLong();
    }

    protected double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Units per second so far, 0 before any time has passed. */
    protected double rate() {
        double seconds = elapsedSeconds();
        return seconds > 0 ? done / seconds : 0;
    }

    /** "42% 420/1000, 3.2/s, ETA 3m01s" (or "420, 3.2/s" when the total is unknown). */
    protected String status() {
        StringBuilder text = new StringBuilder();
        if (total > 0) {
            text.append(String.format(Locale.ROOT, "%3d%% %d/%d", percent(), done, total));
        } else {
            text.append(done);
        }
        double rate = rate();
        text.append(String.format(Locale.ROOT, ", %s/s", rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate)
                : String.format(Locale.ROOT, "%.2f", rate)));
        if (total > 0 && rate > 0 && done < total) {
            text.append(", ETA ").append(formatDuration((total - done) / rate));
        }
        return text.toString();
    }

    protected int percent() {
        return total > 0 ? (int) Math.min(100, 100 * done / total) : 0;
    }

    /** "12s", "3m01s", "1h02m". */
    static String formatDuration(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + "s";
        }
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, (whole % 3600) / 60);
    }
}
