package io.polyret.core.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** A progress bar redrawn in place with a carriage return, at most ten times a second. */
final class TerminalProgressBar extends AbstractProgressReporter {
    static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastLength;

    TerminalProgressBar(PrintStream out, String label, long total, LongSupplier nanoClock) {
        super(out, label, total, nanoClock);
        draw();
    }

    @Override
    protected void onProgress(long previous, long current) {
        if (nanos() - lastDrawNanos >= REDRAW_NANOS) {
            draw();
        }
    }

    @Override
    protected void onFinish() {
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        lastDrawNanos = nanos();
        String line = render();
        // Pad with spaces so a shorter line fully covers the previous one.
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        lastLength = line.length();
        out.print("\r" + line + padding);
        out.flush();
    }

    /** The bar without carriage return, e.g. {@code train [=========>          ]  30% 300/1000, ...}. */
    String render() {
        StringBuilder bar = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) (WIDTH * Math.min(done(), total) / total);
            bar.append('[').append("=".repeat(filled));
            if (filled < WIDTH) {
                bar.append('>').append(" ".repeat(WIDTH - filled - 1));
            }
            bar.append("] ");
        }
        return bar.append(status()).toString();
    }
}
