package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;

/**
 * The claims of a verified token, read once: the registered claims that rules decide on, typed, and the whole
 * claims set for the rest. Reading refuses registered claims of the wrong RFC 7519 §4.1 type, so a rule never
 * sees one.
 *
 * @param issuer    {@code iss}
 * @param subject   {@code sub}
 * @param audience  {@code aud}, a string or an array of strings (RFC 7519 §4.1.3); empty when absent
 * @param caller    the principal name: {@code upn}, else {@code preferred_username}, else {@code sub}, the first
 *                  non-empty string (MicroProfile JWT 2.1)
 * @param expiresAt {@code exp}, required
 * @param notBefore {@code nbf}
 * @param issuedAt  {@code iat}
 * @param json      the whole claims set as parsed
 */
public record TokenClaims(Optional<String> issuer, Optional<String> subject, Set<String> audience,
        Optional<String> caller, Instant expiresAt, Optional<Instant> notBefore, Optional<Instant> issuedAt,
        JsonObject json) {

    private static final List<String> CALLER_CLAIMS = List.of("upn", "preferred_username", "sub");
    private static final Map<String, Claims> STANDARD_CLAIMS = standardClaims();
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    public TokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audience = Collections.unmodifiableSet(new LinkedHashSet<>(audience)); // in token order
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(json, "json");
    }

    /**
     * Reads a verified claims set.
     *
     * @throws InvalidTokenException when {@code iss}, {@code sub} or {@code jti} is not a string, {@code aud} is
     *                               neither a string nor an array of strings, {@code exp} is missing, or a date is
     *                               not a NumericDate
     */
    static TokenClaims read(JsonObject json) throws InvalidTokenException {
        Optional<String> issuer = string(json, "iss");
        Optional<String> subject = string(json, "sub");
        string(json, "jti");
        return new TokenClaims(issuer, subject, audience(json.get("aud")), caller(json),
                date(json, "exp").orElseThrow(() -> new InvalidTokenException(Refusal.MALFORMED, "exp is missing")),
                date(json, "nbf"), date(json, "iat"), json);
    }

    /**
     * A member that must be a string when present, in claims or a JOSE header.
     *
     * @throws InvalidTokenException when present but not a string (the message names the member, not its value)
     */
    static Optional<String> string(JsonObject json, String name) throws InvalidTokenException {
        JsonValue value = json.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidTokenException(Refusal.MALFORMED, name + " is not a string");
        }
        return Optional.of(string.getString());
    }

    private static Set<String> audience(JsonValue aud) throws InvalidTokenException {
        if (aud == null) {
            return Set.of();
        }
        if (aud instanceof JsonString single) {
            return Set.of(single.getString());
        }
        if (aud instanceof JsonArray array) {
            Set<String> audience = new LinkedHashSet<>();
            for (JsonValue element : array) {
                if (!(element instanceof JsonString string)) {
                    throw new InvalidTokenException(Refusal.MALFORMED, "aud is not an array of strings");
                }
                audience.add(string.getString());
            }
            return audience;
        }
        throw new InvalidTokenException(Refusal.MALFORMED, "aud is neither a string nor an array of strings");
    }

    private static Optional<String> caller(JsonObject json) {
        for (String name : CALLER_CLAIMS) {
            if (json.get(name) instanceof JsonString value && !value.getString().isEmpty()) {
                return Optional.of(value.getString());
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> date(JsonObject json, String name) throws InvalidTokenException {
        OptionalLong seconds = NumericDate.read(json, name);
        return seconds.isPresent() ? Optional.of(Instant.ofEpochSecond(seconds.getAsLong())) : Optional.empty();
    }

    /**
     * A claim of the token as {@link VerifiedToken#getClaim(String)} returns it: {@code aud} as a set, the numeric
     * standard claims as {@link Long}, strings as {@link String}, {@code true}/{@code false} as {@link Boolean}, any
     * other value as its JSON-P type; {@code null} when absent. Only the token's own claims: not {@code raw_token},
     * and {@code groups} as the token has it, not as the verifier maps it.
     */
    public Object claim(String name) {
        return "aud".equals(name) && json.containsKey(name) ? audience : javaValue(json.get(name), name);
    }

    /** A claim's JSON value, or {@code null}, as {@code JsonWebToken.getClaim} returns it (see {@link #claim}). */
    static Object javaValue(JsonValue value, String name) {
        if (value == null) {
            return null;
        }
        Claims standard = STANDARD_CLAIMS.get(name);
        if (standard != null && standard.getType() == Long.class && value instanceof JsonNumber number) {
            BigDecimal decimal = number.bigDecimalValue();
            if (decimal.compareTo(MIN_LONG) >= 0 && decimal.compareTo(MAX_LONG) <= 0) {
                return decimal.longValue();
            }
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        return value;
    }

    private static Map<String, Claims> standardClaims() {
        Map<String, Claims> byName = new HashMap<>();
        for (Claims claim : Claims.values()) {
            if (claim != Claims.UNKNOWN) {
                byName.put(claim.name(), claim);
            }
        }
        return Map.copyOf(byName);
    }

    /** The registered claims only, never the claims set (it may hold personal data). */
    @Override
    public String toString() {
        return "TokenClaims[issuer=" + issuer.orElse(null) + ", subject=" + subject.orElse(null) + ", audience="
                + audience + ", expiresAt=" + expiresAt + "]";
    }
}
