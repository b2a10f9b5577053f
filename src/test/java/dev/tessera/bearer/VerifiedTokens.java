package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.TestKeys.signingKey;

import dev.tessera.bearer.CachingTokenVerifier.Verification;
import dev.tessera.config.TokenCacheSettings;
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

    /** A fresh verified-token cache in front of the same verifier: verifying a token twice gives a repeat. */
    public static Cache cache() {
        return new Cache(new CachingTokenVerifier(VERIFIER, Fixture.CLOCK, new TokenCacheSettings(true, 100, 1 << 20)));
    }

    /** A verified-token cache whose answers are the test's to check. */
    public record Cache(CachingTokenVerifier verifier) {

        public Verification verification(String compactToken) {
            try {
                return verifier.verification(compactToken);
            } catch (InvalidTokenException | KeysUnavailableException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static VerifiedToken verify(String compactToken) {
        try {
            return VERIFIER.verify(compactToken);
        } catch (InvalidTokenException | KeysUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }
}
