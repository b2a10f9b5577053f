package dev.tessera.claims;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tessera.bearer.ClaimRule;
import dev.tessera.bearer.InvalidTokenException;
import dev.tessera.bearer.TokenClaims;
import jakarta.json.spi.JsonProvider;

/**
 * Refuses a token with a claim of another JSON type than the application's injection points ask for
 * ({@code "customLong": "five"} where a {@code Long} is injected). The issuer, not the application, decides what a
 * token holds, so such a token is bad input: it gets {@code 401 invalid_token} before any application code runs,
 * instead of failing inside the application (an HTTP 500) when the claim is injected or read. A missing claim is
 * fine: it is injected as {@code null} or empty (and, for {@code long} and {@code boolean}, as 0 or false by CDI).
 * Built once at deployment from every {@code @Claim} injection point of the application, so it applies to every
 * token, whichever resource it is sent to.
 */
final class InjectedClaimsRule implements ClaimRule {

    /**
     * The claims that have the same Java type in every accepted token, each with a value of that type: Tessera makes
     * {@code raw_token} and {@code groups}, and verification refuses a token whose {@code iss}, {@code sub},
     * {@code jti}, {@code aud}, {@code exp}, {@code nbf} or {@code iat} has another JSON type. They need no check per
     * token; injecting one as a kind its type cannot become is a programming error, reported at deployment.
     */
    private static final Map<String, Object> FIXED_TYPES = Map.of("raw_token", "", "iss", "", "sub", "", "jti", "",
            "groups", Set.of(), "aud", Set.of(), "exp", 0L, "nbf", 0L, "iat", 0L);

    private final List<InjectedClaim> injected;
    private final JsonProvider json;

    /**
     * @param injected the application's {@code @Claim} injection points, each kind of injection once
     * @param json     the JSON-P provider
     */
    InjectedClaimsRule(Set<InjectedClaim> injected, JsonProvider json) {
        this.injected = injected.stream().filter(claim -> !FIXED_TYPES.containsKey(claim.name())).toList();
        this.json = json;
    }

    /**
     * Checks, at deployment, an injection point of a claim whose type is the same in every accepted token.
     *
     * @throws ClaimTypeException when that type can never be injected as the injection point asks
     */
    static void checkFixedType(InjectedClaim claim, JsonProvider json) {
        Object fixed = FIXED_TYPES.get(claim.name());
        if (fixed != null) {
            claim.target().valueOf(claim.name(), fixed, json);
        }
    }

    @Override
    public void check(TokenClaims claims, Instant now) throws InvalidTokenException {
        for (InjectedClaim claim : injected) {
            try {
                claim.target().valueOf(claim.name(), claims.claim(claim.name()), json);
            } catch (ClaimTypeException e) {
                throw new InvalidTokenException(e.getMessage());
            }
        }
    }

    /** Whether there is nothing to check. */
    boolean isEmpty() {
        return injected.isEmpty();
    }

    /**
     * One kind of {@code @Claim} injection point.
     *
     * @param name   the claim
     * @param target what the injection point's type asks for
     */
    record InjectedClaim(String name, ClaimTarget target) {
    }
}
