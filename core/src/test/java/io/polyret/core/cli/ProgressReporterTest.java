package io.polyret.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesEveryTenPercentThenDone() {
        ProgressReporter progress = new CommandContext("train", out, out, false, false, clock::get)
                .progress("train", 200);
        for (int step = 0; step < 200; step++) {
            clock.addAndGet(500_000_000L); // half a second per step
            progress.advance(1);
        }
        progress.finish();
        progress.advance(5); // ignored after finish
        List<String> lines = text().lines().toList();
        assertEquals(10, lines.size(), text());
        assertEquals("train:  10% 20/200, 2.00/s, ETA 1m30s", lines.get(0));
        assertEquals("train:  90% 180/200, 2.00/s, ETA 10s", lines.get(8));
        assertEquals("train: done, 200/200 in 1m40s", lines.get(9));
        assertTrue(text().indexOf('\r') < 0);
    }

    @Test
    void unknownTotalReportsEveryThousandUnits() {
        ProgressReporter progress = new LineProgressReporter(out, "encode", 0, clock::get);
        clock.set(1_000_000_000L);
        progress.update(999);
        progress.update(2500);
        progress.close();
        List<String> lines = text().lines().toList();
        assertEquals(List.of("encode: 2500, 2500/s", "encode: done, 2500 in 1s"), lines);
    }

    @Test
    void terminalBarRedrawsInPlace() {
        TerminalProgressBar bar = new TerminalProgressBar(out, "eval", 10, clock::get);
        assertEquals("eval [>                             ]   0% 0/10, 0.00/s", bar.render());
        clock.set(3_000_000_000L);
        bar.update(3);
        assertEquals("eval [=========>                    ]  30% 3/10, 1.00/s, ETA 7s", bar.render());
        clock.set(10_000_000_000L);
        bar.update(10);
        bar.finish();
        assertEquals("eval [==============================] 100% 10/10, 1.00/s", bar.render());
        String text = text();
        assertTrue(text.startsWith("\r"), text);
        assertTrue(text.endsWith("\n") || text.endsWith(System.lineSeparator()), text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "a bar is one line redrawn with \\r: " + text);
        assertTrue(text.split("\r").length >= 3, text);
    }

    @Test
    void durationsAreShort() {
        assertEquals("0s", AbstractProgressReporter.formatDuration(0.2));
        assertEquals("59s", AbstractProgressReporter.formatDuration(59));
        assertEquals("3m01s", AbstractProgressReporter.formatDuration(181));
        assertEquals("2h05m", AbstractProgressReporter.formatDuration(2 * 3600 + 5 * 60 + 30));
    }
}
