package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import dev.tessera.jose.JwsAlgorithm;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules for a JOSE header, built once from the settings. Only {@code alg}, {@code kid}, {@code typ}
 * and the refusal of {@code crit}, {@code enc}, {@code zip} and {@code cty} matter; key-bearing headers
 * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never read, so keys come only from the issuer
 * (threat model row 4).
 */
final class HeaderPolicy {

    /** RFC 9068 §4: the media type of a JWT access token, with or without the {@code application/} prefix. */
    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");

    /** RFC 7519 §5.1 plus RFC 9068: a plain JWT may be an access token; other types mark other token kinds. */
    private static final Set<String> LENIENT_TYPES = Set.of("jwt", "application/jwt", "at+jwt", "application/at+jwt");

    private final Map<String, JwsAlgorithm> allowed;
    private final boolean requireAccessTokenType;

    /**
     * @param algorithms             the allow-list (HS* and none do not exist as algorithms here)
     * @param requireAccessTokenType accept only {@code typ: at+jwt}
     */
    HeaderPolicy(Set<JwsAlgorithm> algorithms, boolean requireAccessTokenType) {
        Map<String, JwsAlgorithm> byName = new HashMap<>();
        for (JwsAlgorithm algorithm : algorithms) {
            algorithm.checkAvailable();
            byName.put(algorithm.name(), algorithm);
        }
        this.allowed = Map.copyOf(byName);
        this.requireAccessTokenType = requireAccessTokenType;
    }

    /** Checks a parsed header; the returned algorithm is one of the allow-list. */
    JwsHeader check(JsonObject header) throws InvalidTokenException {
        // RFC 7515 §4.1.1 (case-sensitive) and RFC 8725 §3.1: the algorithm comes from the allow-list;
        // the header only chooses among allowed ones.
        JwsAlgorithm algorithm = header.get("alg") instanceof JsonString alg ? allowed.get(alg.getString()) : null;
        if (algorithm == null) {
            throw new InvalidTokenException(Refusal.HEADER, "alg is not an allowed algorithm");
        }
        if (header.containsKey("enc")) {
            throw new InvalidTokenException(Refusal.HEADER, "encrypted tokens (JWE) are not accepted");
        }
        if (header.containsKey("crit")) {
            // RFC 7515 §4.1.11: extensions we do not understand MUST make the JWS invalid; we understand none.
            throw new InvalidTokenException(Refusal.HEADER, "crit header names extensions that are not supported");
        }
        if (header.containsKey("zip")) {
            throw new InvalidTokenException(Refusal.HEADER, "compressed tokens are not accepted");
        }
        if (header.containsKey("cty")) {
            // RFC 7519 §5.2: cty is only for nested JWTs; we expect a claims set, never a token inside a token.
            throw new InvalidTokenException(Refusal.HEADER, "nested tokens are not accepted");
        }
        checkType(header.get("typ"));
        JsonValue kid = header.get("kid");
        if (kid != null && !(kid instanceof JsonString)) {
            throw new InvalidTokenException(Refusal.MALFORMED, "kid is not a string");
        }
        return new JwsHeader(algorithm, kid == null ? null : ((JsonString) kid).getString());
    }

    /**
     * Explicit typing (RFC 8725 §3.11): media types compare case-insensitively (RFC 7515 §4.1.9).
     *
     * @param typ the header's {@code typ}, {@code null} when absent
     */
    void checkType(JsonValue typ) throws InvalidTokenException {
        if (typ == null) {
            if (requireAccessTokenType) {
                throw new InvalidTokenException(Refusal.TOKEN_TYPE, "typ must be at+jwt");
            }
            return;
        }
        if (!(typ instanceof JsonString type)) {
            throw new InvalidTokenException(Refusal.MALFORMED, "typ is not a string");
        }
        String lower = type.getString().toLowerCase(Locale.ROOT);
        if (requireAccessTokenType ? !ACCESS_TOKEN_TYPES.contains(lower) : !LENIENT_TYPES.contains(lower)) {
            throw new InvalidTokenException(Refusal.TOKEN_TYPE, requireAccessTokenType ? "typ must be at+jwt" : "typ marks another kind of token");
        }
    }
}
