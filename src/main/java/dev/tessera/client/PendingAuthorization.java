package dev.tessera.client;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization the user started and has not come back from: what the callback needs to check and finish it.
 * {@link #toString()} leaves out the state and the verifier.
 *
 * @param state      the {@code state} sent (RFC 6749 §10.12), random, single-use
 * @param verifier   the PKCE {@code code_verifier} (RFC 7636 §4.1), or {@code null} without PKCE
 * @param returnPath the same-origin path to send the user back to
 * @param expiresAt  after this the callback is refused as stale
 */
record PendingAuthorization(String state, String verifier, String returnPath, Instant expiresAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    PendingAuthorization {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The PKCE verifier, when the client uses PKCE. */
    Optional<String> codeVerifier() {
        return Optional.ofNullable(verifier);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[state=***, verifier=" + (verifier == null ? "-" : "***") + ", returnPath=" + returnPath
                + ", expiresAt=" + expiresAt + "]";
    }
}
