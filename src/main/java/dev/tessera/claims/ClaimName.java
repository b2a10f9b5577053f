package dev.tessera.claims;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;

/** The name of the claim a {@link Claim} qualifier asks for. */
final class ClaimName {

    private ClaimName() {
    }

    /**
     * The claim's name: {@code value}, else the {@code standard} claim's name.
     *
     * @throws IllegalArgumentException when the qualifier names no claim, or two different ones (MicroProfile JWT
     *                                  2.1 requires a deployment error for the latter)
     */
    static String of(Claim claim) {
        String value = claim.value();
        Claims standard = claim.standard();
        if (standard == Claims.UNKNOWN) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("@Claim names no claim: give a value or a standard claim");
            }
            return value;
        }
        if (!value.isEmpty() && !value.equals(standard.name())) {
            throw new IllegalArgumentException("@Claim names two claims: value \"" + value + "\" and standard "
                    + standard.name());
        }
        return standard.name();
    }
}
