package dev.tessera.jose;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where key material is read from: {@code file:} (a URI or a relative path), {@code classpath:}, or a plain path
 * (a file, else a classpath resource). Read once, as UTF-8, never more than {@link #MAX_BYTES}: the one bounded
 * read of key files for verification keys and client signing keys alike.
 *
 * @param location the location as configured
 */
public record KeyLocation(String location) {

    /** The largest key file read: far above any real JWKS or PEM chain, far below harm. */
    public static final int MAX_BYTES = 512 * 1024;

    /** Longer locations are not shown in messages: no real path or URL is that long, a base64 key is. */
    private static final int MAX_SHOWN = 256;

    public KeyLocation {
        Objects.requireNonNull(location, "location");
    }

    /**
     * The location for messages: quoted as configured, unless it looks like key content put where a location
     * belongs (a PEM block, a JWK, a base64 blob, anything with line breaks or of more than {@value #MAX_SHOWN}
     * characters), which is never shown: it may be a private key (threat model row 33).
     */
    public String shown() {
        boolean keyContent = location.length() > MAX_SHOWN || location.contains("-----") || location.strip().startsWith("{")
                || location.indexOf('\n') >= 0 || location.indexOf('\r') >= 0;
        return keyContent ? "(a value that looks like key content, not a location; not shown)" : "'" + location + "'";
    }

    /** Whether the location is an {@code http(s)} URL, which is fetched rather than read. */
    public boolean isUrl() {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("https:") || lower.startsWith("http:");
    }

    /**
     * The whole content.
     *
     * @throws IOException naming the location and why it cannot be read (missing, too large, unsupported scheme)
     */
    public String read() throws IOException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            return readResource(name).orElseThrow(() -> new FileNotFoundException("classpath resource " + shown() + " not found"));
        }
        if (lower.startsWith("file:")) {
            return readFile(filePath());
        }
        if (lower.matches("[a-z][a-z0-9+.-]+:.*") && !looksLikeWindowsPath()) {
            throw new IOException(shown() + " uses an unsupported scheme; use file:, classpath:, https: or a path");
        }
        Path path = plainPath();
        if (path != null && Files.isRegularFile(path)) {
            return readFile(path);
        }
        return readResource(location).orElseThrow(() ->
                new FileNotFoundException(shown() + " is neither a readable file nor a classpath resource"));
    }

    private Path filePath() throws IOException {
        try {
            // file:/abs/path and file:///abs/path are URIs; file:relative/path is taken as a path
            return location.startsWith("file:/") ? Path.of(URI.create(location)) : Path.of(location.substring("file:".length()));
        } catch (IllegalArgumentException e) {
            // also InvalidPathException, and URI.create on a malformed file: URI
            throw new IOException(shown() + " is not a valid file location");
        }
    }

    private Path plainPath() {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private boolean looksLikeWindowsPath() {
        return location.length() > 2 && Character.isLetter(location.charAt(0)) && location.charAt(1) == ':'
                && (location.charAt(2) == '\\' || location.charAt(2) == '/');
    }

    private String readFile(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in, "file " + shown());
        } catch (IOException e) {
            throw e instanceof TooLargeException ? e : new IOException("cannot read file " + shown());
        }
    }

    private static Optional<String> readResource(String name) throws IOException {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : KeyLocation.class.getClassLoader()).getResource(resource);
        if (url == null) {
            return java.util.Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return java.util.Optional.of(readBounded(in, "classpath resource '" + name + "'"));
        } catch (IOException e) {
            throw e instanceof TooLargeException ? e : new IOException("cannot read classpath resource '" + name + "'");
        }
    }

    private static String readBounded(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new TooLargeException(what + " is larger than " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }
}
