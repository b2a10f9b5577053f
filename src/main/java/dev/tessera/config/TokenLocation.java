package dev.tessera.config;

import java.util.regex.Pattern;

/** Where a request carries its bearer token: the {@code Authorization} header (RFC 6750 §2.1) or a cookie. */
public sealed interface TokenLocation {

    /** {@code Authorization: Bearer <token>}, the default. */
    record AuthorizationHeader() implements TokenLocation {
    }

    /**
     * A cookie whose value is the token ({@code mp.jwt.token.header=Cookie}).
     *
     * @param name the cookie's name, an RFC 6265 §4.1.1 token
     */
    record Cookie(String name) implements TokenLocation {
        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        public Cookie {
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a cookie name (RFC 6265 token)");
            }
        }
    }

    TokenLocation AUTHORIZATION_HEADER = new AuthorizationHeader();
}
