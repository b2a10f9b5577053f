package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.config.BearerSettings;
import dev.tessera.issuer.KeyOriginException;
import dev.tessera.issuer.TrustedIssuers;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

/** RSA keys under 2048 bits (RFC 7518 §3.3): refused by default, accepted only with tessera.bearer.rsa.min-key-bits. */
class SmallRsaKeyOptInTest {

    private static final String JWK_1024 = new RSAKey.Builder((RSAPublicKey) TestKeys.RSA_1024.getPublic()).keyID("small")
            .build().toJSONString();

    @Test
    void aConfigured1024BitKeyIsRefusedByDefault() {
        BearerSettings defaults = settings().issuers().publicKey(JWK_1024).build();
        assertThrows(KeyOriginException.class, () -> TrustedIssuers.from(defaults, Clock.systemUTC()));
    }

    @Test
    void aConfigured1024BitKeyVerifiesTokensWhenTheMinimumIsLowered() throws Exception {
        BearerSettings lowered = settings().issuers().publicKey(JWK_1024).minRsaKeyBits(1024).build();
        try (TrustedIssuers issuers = TrustedIssuers.from(lowered, Fixture.CLOCK)) {
            String token = TokenForge.sign("RS256", TestKeys.RSA_1024.getPrivate(), Fixture.rsaHeader("small"),
                    claims().json());
            assertEquals("alice", new TokenVerifier(lowered, issuers, Fixture.CLOCK).verify(token).getName());
        }
    }

    @Test
    void aPublished1024BitKeyIsNotUsedByDefault() {
        TokenVerifier verifier = Fixture.verifier(settings(), new FixedKeySource(TestKeys.signingKey("small", TestKeys.RSA_1024)));
        String token = TokenForge.sign("RS256", TestKeys.RSA_1024.getPrivate(), Fixture.rsaHeader("small"), claims().json());
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertEquals("no issuer key of the right type for the token's alg", refused.getMessage());
    }

    @Test
    void aPublished1024BitKeyIsUsedWhenTheMinimumIsLowered() throws Exception {
        TokenVerifier verifier = Fixture.verifier(settings().minRsaKeyBits(1024),
                new FixedKeySource(TestKeys.signingKey("small", TestKeys.RSA_1024)));
        String token = TokenForge.sign("RS256", TestKeys.RSA_1024.getPrivate(), Fixture.rsaHeader("small"), claims().json());
        assertEquals("alice", verifier.verify(token).getName());
    }
}
