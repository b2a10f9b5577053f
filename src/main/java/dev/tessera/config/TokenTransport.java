package dev.tessera.config;

import java.util.Objects;

/**
 * Where the bearer token travels: the {@code Authorization} header (RFC 6750 §2.1), or a cookie
 * ({@code mp.jwt.token.header=Cookie}).
 *
 * @param cookieName the cookie to read, or {@code null} for the {@code Authorization} header
 */
public record TokenTransport(String cookieName) {

    public static final TokenTransport AUTHORIZATION_HEADER = new TokenTransport(null);

    public static TokenTransport cookie(String name) {
        return new TokenTransport(Objects.requireNonNull(name, "name"));
    }

    public boolean usesCookie() {
        return cookieName != null;
    }
}
