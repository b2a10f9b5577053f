package dev.tessera.config;

import java.util.Objects;

/**
 * One outbound client ({@code tessera.client.<name>.*}): a fixed token used as it is, tokens requested from a token
 * endpoint with the client credentials grant, or tokens on behalf of the browser user (authorization code grant). {@link ClientConfig} reads it.
 */
public sealed interface ClientSettings {

    /** The client name used in {@code @ClientCredentials("name")}. */
    String name();

    /** Whether {@code name} can name a client (letters, digits, {@code -} and {@code _}). */
    static boolean isValidName(String name) {
        return name != null && ClientPatterns.NAME.matcher(name).matches();
    }

    /** Whether {@code token} can be sent as a bearer token (RFC 6750 §2.1 {@code b64token}). */
    static boolean isTokenSyntax(String token) {
        return token != null && ClientPatterns.B64TOKEN.matcher(token).matches();
    }

    /**
     * A long-lived token ({@code token}), handed out as it is.
     *
     * @param name  the client name
     * @param token the token (secret)
     */
    record Direct(String name, String token) implements ClientSettings {
        public Direct {
            requireValidName(name);
            Objects.requireNonNull(token, "token");
            if (!isTokenSyntax(token)) {
                throw new SettingRefusedException("token", "the token is not an RFC 6750 b64token");
            }
        }

        @Override
        public String toString() {
            return "ClientSettings.Direct[name=" + name + ", token=***]";
        }
    }

    /**
     * Tokens requested from a token endpoint, cached and refreshed ahead of expiry.
     *
     * @param name    the client name
     * @param request how to obtain tokens
     * @param cache   when cached tokens are refreshed
     * @param retry   how failed token requests are retried
     * @param fetch   timeouts, size limit and whether plain http is allowed beyond loopback
     */
    record Requested(String name, TokenRequestSettings request, TokenCachePolicy cache, RetryPolicy retry,
            FetchPolicy fetch) implements ClientSettings {
        public Requested {
            requireValidName(name);
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(fetch, "fetch");
        }
    }

    /**
     * Tokens on behalf of the browser user, obtained with the authorization code grant and kept in the user's session.
     *
     * @param name  the client name
     * @param grant the authorization server, client and flow settings
     * @param cache how close to expiry a token is refreshed, and the lifetime when {@code expires_in} is missing
     * @param fetch timeouts, size limit and whether plain http is allowed beyond loopback
     */
    record AuthorizationCode(String name, AuthorizationCodeGrant grant, TokenCachePolicy cache, FetchPolicy fetch)
            implements ClientSettings {
        public AuthorizationCode {
            requireValidName(name);
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(fetch, "fetch");
        }
    }

    private static void requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("client name must match " + ClientPatterns.NAME.pattern());
        }
    }
}
