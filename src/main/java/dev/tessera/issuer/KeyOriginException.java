package dev.tessera.issuer;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A trusted issuer or a configured key cannot be used. Says which one and why, never which setting held it (the
 * configuration layer maps each {@link Problem} to its key) and never key material.
 */
public final class KeyOriginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where the unusable keys were to come from. */
    public enum Origin {
        /** A trusted issuer URL, {@link Problem#issuerIndex()} in the list of issuers. */
        ISSUER,
        /** Keys given inline (a JWKS, JWK or PEM text). */
        INLINE_KEY,
        /** Keys at a location: a file, a classpath resource or a URL. */
        KEY_LOCATION,
        /** The private keys that decrypt encrypted tokens, at a location. */
        DECRYPT_KEY_LOCATION
    }

    /**
     * One reason.
     *
     * @param origin      where the keys were to come from
     * @param issuerIndex the issuer's position in the configured list for {@link Origin#ISSUER}, else -1
     * @param reason      what is wrong, naming the issuer URL or location but never a key
     */
    public record Problem(Origin origin, int issuerIndex, String reason) {

        public Problem {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return (origin == Origin.ISSUER ? "issuer #" + (issuerIndex + 1) : origin == Origin.INLINE_KEY
                    ? "inline key" : origin == Origin.KEY_LOCATION ? "key location" : "decryption key location")
                    + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public KeyOriginException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem is required");
        }
    }

    static KeyOriginException of(Origin origin, String reason) {
        return new KeyOriginException(List.of(new Problem(origin, -1, reason)));
    }

    /** Every reason, in configuration order. */
    public List<Problem> problems() {
        return problems;
    }
}
