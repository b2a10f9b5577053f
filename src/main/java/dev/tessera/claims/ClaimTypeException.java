package dev.tessera.claims;

/**
 * A verified token's claim does not have the type its injection point asks for. It names the claim and the type,
 * never the claim's value.
 */
public class ClaimTypeException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ClaimTypeException(String message) {
        super(message);
    }
}
