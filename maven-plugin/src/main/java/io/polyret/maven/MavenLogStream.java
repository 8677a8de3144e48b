package io.polyret.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands each complete UTF-8 line to a Maven log method. */
final class MavenLogStream extends OutputStream {
    private final Consumer<CharSequence> log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    MavenLogStream(Consumer<CharSequence> log) {
        this.log = log;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // Partial lines wait for their end: a log line per write would cut progress lines apart.
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        log.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
