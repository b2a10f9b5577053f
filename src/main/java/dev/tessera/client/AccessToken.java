package dev.tessera.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import dev.tessera.config.ClientSettings;

/**
 * An outbound access token. Its value is a secret: {@link #toString()} leaves it out.
 *
 * @param value     the token, an RFC 6750 §2.1 {@code b64token}
 * @param type      the token type, always {@code Bearer} (RFC 6750)
 * @param expiresAt when the token expires; {@link Instant#MAX} for a configured fixed token
 * @param scope     the granted scope (RFC 6749 §5.1: the requested scope when the response does not say)
 */
public record AccessToken(String value, String type, Instant expiresAt, Set<String> scope) {

    /** The only token type Tessera sends (RFC 6750). */
    public static final String BEARER = "Bearer";

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scope = Set.copyOf(scope);
        if (!ClientSettings.isTokenSyntax(value)) {
            // anything else could break out of the Authorization header
            throw new IllegalArgumentException("an access token must be an RFC 6750 b64token");
        }
        if (!type.equals(BEARER)) {
            throw new IllegalArgumentException("only Bearer tokens are supported");
        }
    }

    /** A bearer token. */
    public static AccessToken bearer(String value, Instant expiresAt, Set<String> scope) {
        return new AccessToken(value, BEARER, expiresAt, scope);
    }

    /** The {@code Authorization} header value: {@code Bearer <token>} (RFC 6750 §2.1). */
    public String authorization() {
        return type + " " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + type + ", expiresAt=" + expiresAt + ", scope=" + scope + ", value=***]";
    }
}
