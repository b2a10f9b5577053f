package dev.tessera.client;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.util.JSONObjectUtils;

import dev.tessera.config.ClientSettings;

/**
 * Reads a token endpoint's answer: an access token (RFC 6749 §5.1), an OAuth error (§5.2), or something
 * unusable. Messages are built from parsed fields only (for a body that is not an OAuth error: status and content
 * type), cleaned up, cut short and with every encoding of the client secret masked.
 */
final class TokenResponse {

    /** Whatever {@code expires_in} says, a token is refreshed at least this often. */
    static final Duration MAX_LIFETIME = Duration.ofDays(1);
    private static final int MAX_ECHO = 200;
    private static final Pattern REFRESH_TOKEN = Pattern.compile("[\\x20-\\x7e]{1,8192}");

    private TokenResponse() {
    }

    /**
     * The token in a response, or an exception saying what is wrong with the response.
     *
     * @param status          the HTTP status (not 5xx or 429, which the caller retries)
     * @param contentType     the response {@code Content-Type}, if any
     * @param body            the response body
     * @param now             when the response arrived
     * @param requestedScope  the scope asked for, the granted scope when the response has none
     * @param defaultLifetime the lifetime when {@code expires_in} is missing
     * @param mask            hides the client secret in every form
     * @param refusalHint     added to the message of an OAuth error response, such as a likely cause of a 401
     * @throws TokenRequestRefusedException on an OAuth error response
     * @throws TokenUnavailableException    on any other unusable response
     */
    static AccessToken parse(String client, int status, Optional<String> contentType, byte[] body, Instant now,
            Set<String> requestedScope, Duration defaultLifetime, SecretMask mask, Optional<String> refusalHint) {
        return parseGrant(client, status, contentType, body, now, requestedScope, defaultLifetime, mask, refusalHint).access();
    }

    /**
     * An access token and, when the response has one, a refresh token (RFC 6749 §5.1).
     *
     * @param access       the access token
     * @param refreshToken the {@code refresh_token}, a secret like the access token
     */
    record Grant(AccessToken access, Optional<String> refreshToken) {
        @Override
        public String toString() {
            return "Grant[" + access + ", refreshToken=" + (refreshToken.isPresent() ? "***" : "-") + "]";
        }
    }

    /**
     * As {@link #parse}, also reading {@code refresh_token}.
     *
     * @throws TokenRequestRefusedException on an OAuth error response
     * @throws TokenUnavailableException    on any other unusable response
     */
    static Grant parseGrant(String client, int status, Optional<String> contentType, byte[] body, Instant now,
            Set<String> requestedScope, Duration defaultLifetime, SecretMask mask, Optional<String> refusalHint) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            json = null;
        }
        if (status < 200 || status > 299) {
            if (json != null && json.get("error") instanceof String error) {
                Optional<String> description = json.get("error_description") instanceof String d ? Optional.of(clean(d, mask)) : Optional.empty();
                throw new TokenRequestRefusedException(client, status, clean(error, mask), description, refusalHint);
            }
            throw new TokenUnavailableException(client, "the token endpoint answered HTTP " + status
                    + " without an OAuth error response (Content-Type " + clean(contentType.orElse("none"), mask) + ")", null);
        }
        if (json == null) {
            throw new TokenUnavailableException(client, "the token response is not a JSON object (Content-Type "
                    + clean(contentType.orElse("none"), mask) + ")", null);
        }
        if (!(json.get("access_token") instanceof String value) || value.isEmpty()) {
            throw new TokenUnavailableException(client, "the token response has no access_token", null);
        }
        if (!(json.get("token_type") instanceof String type)) {
            throw new TokenUnavailableException(client, "the token response has no token_type (RFC 6749 §5.1)", null);
        }
        // RFC 6749 §5.1: token_type is case-insensitive
        if (!type.equalsIgnoreCase(AccessToken.BEARER)) {
            throw new TokenUnavailableException(client, "the token_type is '" + clean(type, mask)
                    + "'; only Bearer tokens are supported", null);
        }
        if (!ClientSettings.isTokenSyntax(value)) {
            throw new TokenUnavailableException(client, "the access_token contains characters a bearer token cannot"
                    + " have (RFC 6750 §2.1)", null);
        }
        Duration lifetime = lifetime(client, json.get("expires_in"), defaultLifetime);
        Set<String> scope = json.get("scope") instanceof String granted
                ? Arrays.stream(granted.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet())
                : requestedScope;
        Object refresh = json.get("refresh_token");
        if (refresh != null && !(refresh instanceof String text && REFRESH_TOKEN.matcher(text).matches())) {
            // RFC 6749 Appendix A.17: refresh-token = 1*VSCHAR
            throw new TokenUnavailableException(client, "the refresh_token in the token response is not a string of"
                    + " visible ASCII characters (RFC 6749 Appendix A.17)", null);
        }
        return new Grant(AccessToken.bearer(value, now.plus(lifetime), scope), Optional.ofNullable((String) refresh));
    }

    private static Duration lifetime(String client, Object expiresIn, Duration defaultLifetime) {
        if (expiresIn == null) {
            return defaultLifetime;
        }
        double seconds;
        if (expiresIn instanceof Number number) {
            seconds = number.doubleValue();
        } else if (expiresIn instanceof String text && text.matches("\\d{1,12}")) {
            // some providers send expires_in as a string
            seconds = Double.parseDouble(text);
        } else {
            throw new TokenUnavailableException(client, "expires_in in the token response is not a number", null);
        }
        if (!(seconds >= 1)) {
            throw new TokenUnavailableException(client, "expires_in in the token response is not a positive number", null);
        }
        return seconds >= MAX_LIFETIME.toSeconds() ? MAX_LIFETIME : Duration.ofSeconds((long) seconds);
    }

    /** Printable ASCII only, cut short, the secret masked: safe for a message. */
    static String clean(String text, SecretMask mask) {
        String masked = mask.apply(text);
        StringBuilder out = new StringBuilder();
        masked.codePoints().limit(MAX_ECHO).forEach(c -> out.append(c >= 0x20 && c <= 0x7e ? (char) c : '?'));
        return masked.codePointCount(0, masked.length()) > MAX_ECHO ? out + "..." : out.toString();
    }
}
