package dev.tessera.issuer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.tessera.config.ConfigurationException;
import dev.tessera.config.KeyRefreshPolicy;

/**
 * Keys configured by the application rather than discovered: {@code mp.jwt.verify.publickey} (inline) or
 * {@code mp.jwt.verify.publickey.location} (file, classpath resource or URL). The content is a JWKS, a single
 * JWK, or PEM ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks). Files and resources are read once, at
 * construction; a URL location becomes a {@link JwksKeySource} that also accepts PEM.
 */
public final class StaticKeySource implements KeySource {

    private final List<SigningKey> keys;

    private StaticKeySource(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Keys given inline as a JWKS, JWK or PEM.
     *
     * @param configKey the property that held the content, named in errors
     * @throws ConfigurationException when the content holds no usable signing key
     */
    public static StaticKeySource fromContent(String content, String configKey) {
        return new StaticKeySource(parse(content, configKey, "the value"));
    }

    /**
     * Keys from a location: {@code file:}, {@code classpath:}, a plain path (a file, else a classpath resource),
     * or an {@code https://} (or loopback {@code http://}) URL, which is fetched lazily like a JWKS.
     *
     * @param configKey the property that held the location, named in errors
     * @throws ConfigurationException when the location cannot be read or holds no usable signing key
     */
    public static KeySource fromLocation(String location, String configKey, HttpFetcher fetcher,
            KeyRefreshPolicy policy, Clock clock) {
        Objects.requireNonNull(location, "location");
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https:") || lower.startsWith("http:")) {
            URI uri;
            try {
                uri = new URI(location);
                HttpFetcher.requireSecure(uri, fetcher.policy().allowInsecureHttp());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw problem(configKey, "'" + location + "' is not an https URL (plain http only for loopback hosts"
                        + " or with allow-insecure-http=true)");
            }
            URI jwksUri = uri;
            return new JwksKeySource(location, () -> jwksUri, fetcher, policy, clock, SigningKeys::fromAnyFormat);
        }
        int limit = fetcher.policy().maxResponseBytes();
        String content;
        if (lower.startsWith("classpath:")) {
            content = readResource(location.substring("classpath:".length()), configKey, limit)
                    .orElseThrow(() -> problem(configKey, "classpath resource '" + location + "' not found"));
        } else if (lower.startsWith("file:")) {
            content = readFile(filePath(location, configKey), configKey, limit);
        } else if (lower.matches("[a-z][a-z0-9+.-]+:.*") && !looksLikeWindowsPath(location)) {
            throw problem(configKey, "'" + location + "' uses an unsupported scheme; use file:, classpath:, https: or a path");
        } else {
            Path path = plainPath(location);
            if (path != null && Files.isRegularFile(path)) {
                content = readFile(path, configKey, limit);
            } else {
                content = readResource(location, configKey, limit).orElseThrow(() ->
                        problem(configKey, "'" + location + "' is neither a readable file nor a classpath resource"));
            }
        }
        return new StaticKeySource(parse(content, configKey, "'" + location + "'"));
    }

    @Override
    public List<SigningKey> candidates(String kid) {
        if (kid == null) {
            return keys;
        }
        List<SigningKey> matching = new ArrayList<>();
        List<SigningKey> withoutKid = new ArrayList<>();
        for (SigningKey key : keys) {
            if (kid.equals(key.kid())) {
                matching.add(key);
            } else if (key.kid() == null) {
                withoutKid.add(key);
            }
        }
        // a PEM key has no kid and signs tokens that carry one
        return List.copyOf(matching.isEmpty() ? withoutKid : matching);
    }

    @Override
    public boolean isCurrent(SigningKey key) {
        for (SigningKey k : keys) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "StaticKeySource" + keys;
    }

    private static List<SigningKey> parse(String content, String configKey, String what) {
        List<SigningKey> parsed;
        try {
            parsed = SigningKeys.fromAnyFormat(content);
        } catch (ParseException | IllegalArgumentException e) {
            throw problem(configKey, what + " is not a JWKS, JWK or PEM public key: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            throw problem(configKey, what + " holds no usable signing key (RSA of 2048+ bits, EC P-256/384/521 or"
                    + " Ed25519, not use=enc)");
        }
        return parsed;
    }

    private static Path filePath(String location, String configKey) {
        try {
            // file:/abs/path and file:///abs/path are URIs; file:relative/path is taken as a path
            return location.startsWith("file:/") ? Path.of(URI.create(location)) : Path.of(location.substring("file:".length()));
        } catch (IllegalArgumentException e) {
            // also InvalidPathException, and URI.create on a malformed file: URI
            throw problem(configKey, "'" + location + "' is not a valid file location");
        }
    }

    private static Path plainPath(String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean looksLikeWindowsPath(String location) {
        return location.length() > 2 && Character.isLetter(location.charAt(0)) && location.charAt(1) == ':'
                && (location.charAt(2) == '\\' || location.charAt(2) == '/');
    }

    private static String readFile(Path path, String configKey, int limit) {
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in, limit, configKey, "file '" + path + "'");
        } catch (IOException e) {
            throw problem(configKey, "cannot read file '" + path + "'");
        }
    }

    private static Optional<String> readResource(String name, String configKey, int limit) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : StaticKeySource.class.getClassLoader()).getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(readBounded(in, limit, configKey, "classpath resource '" + name + "'"));
        } catch (IOException e) {
            throw problem(configKey, "cannot read classpath resource '" + name + "'");
        }
    }

    private static String readBounded(InputStream in, int limit, String configKey, String what) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw problem(configKey, what + " is larger than " + limit + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ConfigurationException problem(String configKey, String message) {
        return new ConfigurationException(List.of(configKey + ": " + message));
    }
}
