package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.TestKeys.signingKey;

import dev.tessera.issuer.KeysUnavailableException;

/** Real verified tokens for tests outside this package: signed with a test key, verified by {@link TokenVerifier}. */
public final class VerifiedTokens {

    private static final TokenVerifier VERIFIER = Fixture.verifier(settings(),
            new FixedKeySource(signingKey("rsa-1", TestKeys.RSA_1)));

    private VerifiedTokens() {
    }

    /** A compact RS256 token for this subject, which {@link #verify(String)} accepts. */
    public static String sign(String subject) {
        return TokenForge.sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims().with("sub", subject).json());
    }

    public static VerifiedToken verify(String compactToken) {
        try {
            return VERIFIER.verify(compactToken);
        } catch (InvalidTokenException | KeysUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }
}
