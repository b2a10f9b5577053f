package dev.tessera.bearer;

import java.time.Instant;

/**
 * One rule about the claims of a token whose signature has already been verified, as Spring Security's
 * {@code OAuth2TokenValidator}. Tessera's own rules implement it; an application adds its own by defining a CDI
 * bean of this type, which then runs after the built-in rules on every token that is verified. A token served
 * again from the verified-token cache is not checked again by an application's rule, so a rule must give the same
 * answer for the same token at any time. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ClaimRule {

    /**
     * @param claims the token's verified claims, read once
     * @param now    the current time, from the verifier's clock
     * @throws InvalidTokenException when the claims break this rule; its message is a short reason for a FINE log
     *                               line and must not contain the token
     */
    void check(TokenClaims claims, Instant now) throws InvalidTokenException;
}
