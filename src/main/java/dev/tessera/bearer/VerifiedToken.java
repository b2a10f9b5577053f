package dev.tessera.bearer;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token whose signature and claims have been verified: the caller principal, a MicroProfile JWT 2.1
 * {@link JsonWebToken}. Immutable and thread-safe. Its {@code toString()} names the caller and issuer, never
 * the token.
 *
 * <p>{@link #getClaim(String)} returns, for the claims of {@link Claims}, the type that enum declares when the
 * JSON value has it: {@code exp}, {@code iat}, {@code nbf}, {@code auth_time}, {@code updated_at} as {@link Long},
 * {@code aud} and {@code groups} as {@code Set<String>}, {@code raw_token} as {@link String}. Any other value is
 * returned as its JSON-P counterpart, except that JSON strings become {@link String} and {@code true}/{@code false}
 * become {@link Boolean} (as the MicroProfile JWT TCK expects). {@code groups} holds the groups mapped from the
 * configured roles claims.
 *
 * <p>A value: it holds the token and what was read from it, nothing of the verifier, its keys or its cache. The
 * claims that verification did not read are made JSON values when first asked for (a claim of another name,
 * {@link #getClaimNames()}), from the decoded claims it keeps.
 */
public final class VerifiedToken implements JsonWebToken {

    private static final Map<String, Claims> STANDARD_CLAIMS = standardClaims();
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String rawToken;
    private final JsonObject claims;
    private final String name;
    private final Set<String> groups;
    private final Set<String> audience;

    /**
     * @param rawToken the compact token exactly as received
     * @param claims   the verified claims, which name the caller
     * @param groups   the mapped groups
     */
    VerifiedToken(String rawToken, TokenClaims claims, Set<String> groups) {
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.claims = claims.json();
        this.name = claims.caller().orElseThrow(() -> new IllegalArgumentException("a verified token names its caller"));
        this.groups = Objects.requireNonNull(groups, "groups");
        this.audience = this.claims.containsKey("aud") ? claims.audience() : null;
    }

    /** The caller: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    @Override
    public String getName() {
        return name;
    }

    /** The groups mapped from the configured roles claims; empty, never {@code null}, when there are none. */
    @Override
    public Set<String> getGroups() {
        return groups;
    }

    /** The {@code aud} claim as a set, or {@code null} when the token has none. */
    @Override
    public Set<String> getAudience() {
        return audience;
    }

    /** The compact token exactly as received. Never log it. */
    @Override
    public String getRawToken() {
        return rawToken;
    }

    /** The {@code iat} claim, or 0 when the token has none. */
    @Override
    public long getIssuedAtTime() {
        Long iat = getClaim(Claims.iat.name());
        return iat == null ? 0 : iat;
    }

    /** The names of the token's claims, plus {@code raw_token}, plus {@code groups} when groups were mapped. */
    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        if (!groups.isEmpty()) {
            names.add(Claims.groups.name());
        }
        return Collections.unmodifiableSet(names);
    }

    /** A claim's value, converted as described on this class; {@code null} when absent. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claimValue(claimName);
    }

    private Object claimValue(String claimName) {
        if (claimName == null) {
            return null;
        }
        switch (claimName) {
            case "raw_token":
                return rawToken;
            case "groups":
                return groups.isEmpty() ? null : groups;
            case "aud":
                return audience;
            default:
                break;
        }
        JsonValue value = claims.get(claimName);
        if (value == null) {
            return null;
        }
        Claims standard = STANDARD_CLAIMS.get(claimName);
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

    /** Two verified tokens are equal when they are the same token. */
    @Override
    public boolean equals(Object other) {
        return other instanceof VerifiedToken token && rawToken.equals(token.rawToken);
    }

    @Override
    public int hashCode() {
        return rawToken.hashCode();
    }

    /** The caller and issuer only: never the token or its claims. */
    @Override
    public String toString() {
        return "VerifiedToken[name=" + name + ", issuer=" + getIssuer() + "]";
    }
}
