package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashSet;
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
        return TokenClaims.javaValue(claims.get(claimName), claimName);
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
