package dev.tessera.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a user may be sent back to after an authorization or a logout: a path on this origin only, so that the flow
 * cannot be used as an open redirect (RFC 9700 §4.11). {@code https://evil.example}, {@code //evil.example},
 * {@code /\evil.example}, control characters and anything that is not a plain absolute path are refused.
 */
final class ReturnPath {

    static final int MAX_LENGTH = 2048;

    private ReturnPath() {
    }

    /** {@code value} when it is a same-origin absolute path with an optional query, else empty. */
    static Optional<String> sameOrigin(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.charAt(0) != '/') {
            return Optional.empty();
        }
        if (value.length() > 1 && (value.charAt(1) == '/' || value.charAt(1) == '\\')) {
            // a network-path reference: browsers read //host and /\host as another origin
            return Optional.empty();
        }
        if (value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '\\' || c == '#')) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/") ? Optional.of(value) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
