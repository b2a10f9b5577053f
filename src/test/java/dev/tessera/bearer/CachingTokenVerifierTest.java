package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.ISSUER;
import static dev.tessera.bearer.Fixture.NOW;
import static dev.tessera.bearer.Fixture.NOW_SECONDS;
import static dev.tessera.bearer.Fixture.claims;
import static dev.tessera.bearer.Fixture.rsaHeader;
import static dev.tessera.bearer.Fixture.settings;
import static dev.tessera.bearer.TestKeys.signingKey;
import static dev.tessera.bearer.TokenForge.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.config.TokenCacheSettings;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import dev.tessera.observation.RecordingObserver;
import dev.tessera.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache: a hit skips the signature, and nothing about the answer changes. "Lookups" of the
 * key source count full verifications: a hit never asks for candidate keys.
 */
class CachingTokenVerifierTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final SigningKey key = signingKey("rsa-1", TestKeys.RSA_1);
    private final FixedKeySource keys = new FixedKeySource(key, signingKey("rsa-2", TestKeys.RSA_2));
    private final Fixture.Settings settings = settings();

    @Test
    void repeatedTokenIsVerifiedOnce() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims());

        VerifiedToken first = cache.verify(token);
        VerifiedToken again = cache.verify(token);

        assertThat(again).isSameAs(first);
        assertThat(again.getName()).isEqualTo("alice");
        assertThat(keys.lookups()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void onlyAnAnswerFromTheCacheIsARepeat() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        CachingTokenVerifier off = new CachingTokenVerifier(verifier(), clock, new TokenCacheSettings(false, 100, 1 << 20));
        String token = token(claims());

        CachingTokenVerifier.Verification first = cache.verification(token);
        CachingTokenVerifier.Verification again = cache.verification(token);

        assertThat(first.repeat()).isFalse();
        assertThat(again.repeat()).isTrue();
        assertThat(again.token()).isSameAs(first.token());
        assertThat(off.verification(token).repeat()).isFalse();
        assertThat(off.verification(token).repeat()).isFalse();

        clock.set(NOW.plusSeconds(300)); // exp: dropped, then verified afresh within the skew
        CachingTokenVerifier.Verification afterExp = cache.verification(token);
        assertThat(afterExp.repeat()).isFalse();
        assertThat(afterExp.token()).isNotSameAs(first.token());
    }

    @Test
    void refusedTokenIsNeverStored() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String wrongAudience = token(claims().with("aud", "other-api"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.verify(wrongAudience)).isExactlyInstanceOf(InvalidTokenException.class);
        }
        assertThat(keys.lookups()).isEqualTo(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theObserverHearsEveryAnswerWithItsReasonAndEveryLookup() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        CachingTokenVerifier cache = new CachingTokenVerifier(verifier(), clock, new TokenCacheSettings(true, 100, 1 << 20),
                observer);
        String token = token(claims());

        cache.verify(token);
        cache.verify(token);
        assertThatThrownBy(() -> cache.verify(token(claims().with("aud", "other-api"))));
        assertThatThrownBy(() -> cache.verify("not.a-token"));
        clock.set(NOW.plusSeconds(3600));
        assertThatThrownBy(() -> cache.verify(token));
        keys.makeUnavailable();
        assertThatThrownBy(() -> cache.verify(token(claims().with("exp", NOW_SECONDS + 7200))));

        assertThat(observer.events()).containsExactly("miss", "accepted", "hit", "accepted", "miss", "refused audience",
                "miss", "refused malformed", "miss", "refused expired", "miss", "unavailable");
        assertThat(observer.cacheSizes()).containsExactly(0); // the expired entry was dropped
    }

    @Test
    void withTheCacheSwitchedOffTheObserverHearsAnswersButNoLookups() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        CachingTokenVerifier off = new CachingTokenVerifier(verifier(), clock, new TokenCacheSettings(false, 100, 1 << 20),
                observer);

        off.verify(token(claims()));
        assertThatThrownBy(() -> off.verify(token(claims().with("iss", "https://elsewhere.example"))));

        assertThat(observer.events()).containsExactly("accepted", "refused issuer");
        assertThat(observer.cacheSizes()).isEmpty();
    }

    @Test
    void keysUnavailableStoresNothing() {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        keys.makeUnavailable();

        assertThatThrownBy(() -> cache.verify(token(claims()))).isExactlyInstanceOf(KeysUnavailableException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void anotherEncodingOfTheSameTokenMissesAndIsRefused() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims());
        cache.verify(token);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String body = token.substring(0, token.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);
        char flipped = (char) (last ^ 1); // RSA-2048: 256 bytes, so the last base64url character carries 4 padding bits
        List<String> variants = List.of(
                token + "=",                                                       // padding
                body + signature.replace('-', '+').replace('_', '/'),             // base64 instead of base64url
                body + signature.substring(0, signature.length() - 1) + flipped,  // other unused bits
                " " + token);

        for (String variant : variants) {
            if (!variant.equals(token)) {
                assertThatThrownBy(() -> cache.verify(variant)).as(variant.length() + " chars")
                        .isExactlyInstanceOf(InvalidTokenException.class);
            }
        }
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.verify(token).getName()).isEqualTo("alice");
    }

    @Test
    void tokenWithTheSameSignatureButOtherClaimsCannotHit() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims());
        cache.verify(token);
        String signature = token.substring(token.lastIndexOf('.'));
        String forged = TokenForge.b64(rsaHeader("rsa-1")) + "." + TokenForge.b64(claims().with("sub", "mallory").json())
                + signature; // same last characters, so the same hash: equality must still tell them apart

        assertThatThrownBy(() -> cache.verify(forged)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void entryIsNotServedAtOrAfterExpEvenWithinTheClockSkew() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims()); // exp = NOW + 300, skew 60 s
        cache.verify(token);

        clock.set(NOW.plusSeconds(299));
        cache.verify(token);
        assertThat(keys.lookups()).isEqualTo(1);

        clock.set(NOW.plusSeconds(300));
        assertThat(cache.verify(token).getName()).isEqualTo("alice"); // verification accepts it within the skew...
        assertThat(keys.lookups()).isEqualTo(2);
        assertThat(cache.size()).isZero();                              // ...but it is not stored again
        cache.verify(token);
        assertThat(keys.lookups()).isEqualTo(3);

        clock.set(NOW.plusSeconds(360));
        assertThatThrownBy(() -> cache.verify(token)).isExactlyInstanceOf(InvalidTokenException.class);
    }

    @Test
    void entryDisappearsWhenItsKeyLeavesTheKeySet() throws Exception {
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims());
        cache.verify(token);

        keys.retire(key);

        assertThatThrownBy(() -> cache.verify(token)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void tokenAgeIsCheckedAgainOnEveryHit() throws Exception {
        settings.maxTokenAge(Duration.ofMinutes(2));
        CachingTokenVerifier cache = cache(100, 1 << 20);
        String token = token(claims().with("exp", NOW_SECONDS + 3600)); // iat = NOW - 60
        cache.verify(token);

        clock.set(NOW.plusSeconds(60)); // age 120 s: the maximum (the clock skew is not added to the age)
        cache.verify(token);
        assertThat(keys.lookups()).isEqualTo(1);

        clock.set(NOW.plusSeconds(61));
        assertThatThrownBy(() -> cache.verify(token)).isExactlyInstanceOf(InvalidTokenException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void switchedOffItVerifiesEveryTimeAndKeepsNothing() throws Exception {
        CachingTokenVerifier cache = new CachingTokenVerifier(verifier(), clock, new TokenCacheSettings(false, 100, 1 << 20));
        String token = token(claims());

        cache.verify(token);
        cache.verify(token);

        assertThat(keys.lookups()).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void entriesAreBoundedByCount() throws Exception {
        CachingTokenVerifier cache = cache(4, 1 << 30);
        for (int i = 0; i < 10; i++) {
            cache.verify(token(claims().with("jti", "t" + i)));
            assertThat(cache.size()).isLessThanOrEqualTo(4);
        }
        assertThat(cache.size()).isEqualTo(4); // two generations: {t6, t7} and {t8, t9}
    }

    @Test
    void entriesAreBoundedByEstimatedBytes() throws Exception {
        String sample = token(claims().with("jti", "t0"));
        long perEntry = CachingTokenVerifier.estimatedBytes(sample);
        CachingTokenVerifier cache = cache(1000, perEntry * 5 / 2);

        for (int i = 0; i < 10; i++) {
            cache.verify(token(claims().with("jti", "t" + i)));
            assertThat(cache.bytes()).isLessThanOrEqualTo(perEntry * 5 / 2);
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2 * perEntry);
    }

    @Test
    void tokenLargerThanTheWholeBudgetIsVerifiedButNotStored() throws Exception {
        String token = token(claims());
        CachingTokenVerifier cache = cache(1000, CachingTokenVerifier.estimatedBytes(token) - 1);

        cache.verify(token);

        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void tokensStoredLongestAgoAreDroppedFirst() throws Exception {
        CachingTokenVerifier cache = cache(4, 1 << 30);
        List<String> tokens = new ArrayList<>();
        for (String jti : List.of("a", "b", "c", "d", "e")) {
            tokens.add(token(claims().with("jti", jti)));
            cache.verify(tokens.get(tokens.size() - 1));
        }

        int before = keys.lookups();
        for (String token : tokens.subList(2, 5)) {
            cache.verify(token); // c, d, e: still cached
        }
        assertThat(keys.lookups()).isEqualTo(before);
        cache.verify(tokens.get(0)); // a: dropped, verified again
        assertThat(keys.lookups()).isEqualTo(before + 1);
    }

    @Test
    void concurrentCallersShareEntriesAndKeepTheAccountingExact() throws Exception {
        CachingTokenVerifier cache = cache(8, 1 << 30);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tokens.add(token(claims().with("jti", String.format("c%02d", i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String token = tokens.get(i % tokens.size());
                calls.add(() -> cache.verify(token).getClaim("jti"));
            }
            List<Future<String>> results = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(String.format("c%02d", i % tokens.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
        assertThat(cache.bytes()).isEqualTo(cache.size() * CachingTokenVerifier.estimatedBytes(tokens.get(0)));
    }

    private CachingTokenVerifier cache(int maxEntries, long maxBytes) {
        return new CachingTokenVerifier(verifier(), clock, new TokenCacheSettings(true, maxEntries, maxBytes));
    }

    private TokenVerifier verifier() {
        return new TokenVerifier(settings.build(), new TrustedIssuers(Map.of(ISSUER, keys), null), clock);
    }

    private static String token(Fixture.ClaimsJson claims) {
        return sign("RS256", TestKeys.RSA_1.getPrivate(), rsaHeader("rsa-1"), claims.json());
    }
}
