package dev.tessera.mechanism;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The injected {@link JsonWebToken} of a request without a verified token: every method returns {@code null}
 * (MicroProfile JWT 2.1, "Injection of JsonWebToken"), {@code getClaimNames()} included, as the TCK's
 * {@code EmptyTokenTest} expects.
 */
final class AnonymousCaller implements JsonWebToken {

    static final AnonymousCaller INSTANCE = new AnonymousCaller();

    private AnonymousCaller() {
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        return null;
    }

    @Override
    public <T> T getClaim(String claimName) {
        return null;
    }

    @Override
    public String toString() {
        return "AnonymousCaller";
    }
}
