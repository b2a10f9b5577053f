package dev.tessera.mechanism;

import java.util.Enumeration;

import dev.tessera.config.TokenLocation;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the bearer token in a request: the {@code Authorization} header (RFC 6750 §2.1, scheme
 * case-insensitive) or, when configured, a cookie.
 */
final class TokenExtractor {

    private static final String SCHEME = "bearer";

    /** The cookie to read, or {@code null} for the {@code Authorization} header. */
    private final String cookieName;

    TokenExtractor(TokenLocation location) {
        this.cookieName = location instanceof TokenLocation.Cookie cookie ? cookie.name() : null;
    }

    BearerCredential extract(HttpServletRequest request) {
        return cookieName != null ? fromCookie(request.getCookies()) : fromHeader(request);
    }

    /** Several {@code Authorization} headers are malformed: none of them is taken (RFC 6750 §3.1, invalid_request). */
    private static BearerCredential fromHeader(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Authorization");
        if (values == null || !values.hasMoreElements()) { // null: the container shows no headers
            return BearerCredential.ABSENT;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            return new BearerCredential.Malformed("several Authorization headers");
        }
        return fromAuthorization(value);
    }

    /** Parses one {@code Authorization} value; other schemes (Basic, DPoP, ...) are not ours and count as absent. */
    static BearerCredential fromAuthorization(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        int schemeLength = space < 0 ? trimmed.length() : space;
        if (schemeLength != SCHEME.length() || !trimmed.regionMatches(true, 0, SCHEME, 0, schemeLength)) {
            return BearerCredential.ABSENT;
        }
        String token = space < 0 ? "" : trimmed.substring(space + 1).strip();
        if (token.isEmpty()) {
            return new BearerCredential.Malformed("Bearer scheme without a token");
        }
        if (token.indexOf(' ') >= 0 || token.indexOf(',') >= 0) {
            return new BearerCredential.Malformed("more than one token in the Authorization header");
        }
        return new BearerCredential.Present(token);
    }

    private BearerCredential fromCookie(Cookie[] cookies) {
        if (cookies == null) {
            return BearerCredential.ABSENT;
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(cookieName)) {
                if (found != null) {
                    return new BearerCredential.Malformed("several token cookies");
                }
                found = cookie.getValue() == null ? "" : cookie.getValue().strip();
            }
        }
        // An empty cookie is how a browser is told to forget one: no token, so 401 (as MicroProfile JWT's TCK expects)
        return found == null || found.isEmpty() ? BearerCredential.ABSENT : new BearerCredential.Present(found);
    }
}
