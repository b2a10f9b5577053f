package dev.tessera.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the server's log files (see {@link ServerUnderTest}), read from a mark on: a test marks
 * the end of the file before it acts and reads only what was written since, so that it never passes on lines of an
 * earlier test or an earlier run (the server's logs outlive a build).
 */
final class ServerLog {

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** The server's messages at INFO and above: Liberty's {@code messages.log}, Payara's {@code server.log}. */
    static ServerLog messages() {
        return new ServerLog(ServerUnderTest.current().messagesLog());
    }

    /** Tessera's FINE lines: Liberty's {@code trace.log}, Payara's {@code server.log}. */
    static ServerLog trace() {
        return new ServerLog(ServerUnderTest.current().traceLog());
    }

    /** The current end of the file: what {@link #since} reads from. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What was written after the mark. A file shorter than the mark was rolled over by the server (a new file): then the
     * whole new file is what was written since.
     */
    String since(long mark) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = length < mark ? 0 : mark;
            byte[] bytes = new byte[Math.toIntExact(length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
