package dev.tessera.bearer;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One rule about the claims of a token whose signature has already been verified. Implementations are
 * small, immutable and thread-safe; {@link ClaimPolicy} composes them.
 */
@FunctionalInterface
interface ClaimCheck {

    /**
     * @param claims the verified claims set
     * @param now    the current time, from the verifier's clock
     * @throws InvalidTokenException when the claims break this rule
     */
    void check(JsonObject claims, Instant now) throws InvalidTokenException;
}
