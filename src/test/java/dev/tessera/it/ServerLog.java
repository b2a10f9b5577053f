package dev.tessera.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the Liberty server's log files ({@code messages.log}, {@code trace.log}), read from a mark on: a test marks
 * the end of the file before it acts and reads only what was written since, so that it never passes on lines of an
 * earlier test or an earlier run (the server's logs outlive a build).
 */
final class ServerLog {

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** {@code messages.log} of the server this test JVM runs against. */
    static ServerLog messages() {
        return named("messages.log");
    }

    /** {@code trace.log} of the server this test JVM runs against. */
    static ServerLog trace() {
        return named("trace.log");
    }

    private static ServerLog named(String name) {
        return new ServerLog(Path.of(System.getProperty("wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", name));
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
     * What was written after the mark. A file shorter than the mark was rolled over by Liberty (a new file): then the
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
