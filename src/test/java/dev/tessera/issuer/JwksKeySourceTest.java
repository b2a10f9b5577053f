package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import dev.tessera.config.FetchPolicy;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.observation.RecordingObserver;
import dev.tessera.testing.MutableClock;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

class JwksKeySourceTest {

    /** Fetches that must succeed, and the callers waiting for them, get bounds no load reaches. */
    private static final KeyRefreshPolicy REFRESH = Patience.waitingLong(new KeyRefreshPolicy(
            Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(5)));
    private static final Duration WINDOW = REFRESH.minRefreshInterval();
    private static final Duration BOUND = Patience.WAIT;

    private static TestIssuer issuer;
    private final HttpFetcher fetcher = new HttpFetcher(Patience.fetches(16 * 1024));
    private final List<HttpFetcher> otherFetchers = new ArrayList<>();
    private final MutableClock clock = MutableClock.fixed();
    private final ExecutorService refresher = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        refresher.shutdownNow();
        fetcher.close();
        otherFetchers.forEach(HttpFetcher::close);
        issuer.recover();
        issuer.jwksCacheControl(null);
        issuer.metadataIssuer(issuer.issuer().toString());
        issuer.unpublishExtraKeys();
        issuer.resetCounts();
    }

    private JwksKeySource discovered() {
        return JwksKeySource.forIssuer(issuer.issuer(), new Discovery(fetcher), fetcher, REFRESH, clock, refresher);
    }

    private JwksKeySource direct() {
        return JwksKeySource.forJwksUri(issuer.jwksUri(), fetcher, REFRESH, clock, refresher);
    }

    private HttpFetcher fetcher(FetchPolicy policy) {
        HttpFetcher other = new HttpFetcher(policy);
        otherFetchers.add(other);
        return other;
    }

    private static void settle(JwksKeySource source) throws Exception {
        source.refreshing().handle((r, e) -> null).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void nothingIsFetchedAtConstruction() {
        discovered();
        direct();
        assertThat(issuer.requestCount("openid-configuration")).isZero();
        assertThat(issuer.requestCount("jwks")).isZero();
    }

    @Test
    void firstUseDiscoversAndFetchesTheKeys() throws Exception {
        JwksKeySource source = discovered();
        String kid = issuer.signingKey().getKeyID();
        List<SigningKey> keys = source.candidates(kid);
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.kid()).isEqualTo(kid);
            assertThat(key.publicKey()).isEqualTo(issuer.signingKey().toPublicKey());
        });
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void knownKidWithFreshKeysCausesNoFurtherRequests() throws Exception {
        JwksKeySource source = discovered();
        String kid = issuer.signingKey().getKeyID();
        for (int i = 0; i < 100; i++) {
            assertThat(source.candidates(kid)).hasSize(1);
        }
        clock.advance(Duration.ofMinutes(9));
        assertThat(source.candidates(kid)).hasSize(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void nullKidMeansEveryKey() throws Exception {
        issuer.publish(new ECKeyGenerator(Curve.P_256).keyID("ec").generate());
        assertThat(direct().candidates(null)).extracting(SigningKey::kid)
                .containsExactlyInAnyOrder(issuer.signingKey().getKeyID(), "ec");
    }

    @Test
    void discoveryIsCachedOnceItSucceeded() throws Exception {
        JwksKeySource source = discovered();
        source.candidates(issuer.signingKey().getKeyID());
        clock.advance(Duration.ofMinutes(11));
        source.candidates(issuer.signingKey().getKeyID());
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
    }

    @Test
    void issuerDownAtFirstUseIsUnavailableThenServesKeysOnceUpWithoutANewSource() throws Exception {
        int port = TestIssuer.freePort();
        URI later = URI.create("http://127.0.0.1:" + port + "/issuer");
        JwksKeySource source = JwksKeySource.forIssuer(later, new Discovery(fetcher), fetcher, REFRESH, clock, refresher);

        assertThatThrownBy(() -> source.candidates("any"))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining(later.toString())
                .satisfies(e -> assertThat(((KeysUnavailableException) e).retryAfter()).isPositive());

        try (TestIssuer upLater = TestIssuer.start(port)) {
            // within the window the failure is remembered instead of retried per request
            assertThatThrownBy(() -> source.candidates("any")).isInstanceOf(KeysUnavailableException.class);
            assertThat(upLater.requestCount("openid-configuration")).isZero();

            clock.advance(WINDOW);
            String kid = upLater.signingKey().getKeyID();
            assertThat(source.candidates(kid)).extracting(SigningKey::kid).containsExactly(kid);
        }
    }

    @Test
    void statusStartsTheFirstFetchInTheBackgroundAndReportsTheKeys() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        JwksKeySource source = JwksKeySource.forIssuer(issuer.issuer(), new Discovery(fetcher), fetcher, REFRESH, clock,
                refresher, 2048, observer);

        KeySetStatus before = source.status();
        assertThat(before.keysKnown()).isFalse();
        assertThat(before.lastFailure()).isEmpty();
        settle(source);
        KeySetStatus after = source.status();

        assertThat(after.keysKnown()).isTrue();
        assertThat(after.keys()).isEqualTo(source.publishedKids().size());
        assertThat(after.fetchedAt()).contains(clock.instant());
        assertThat(after.failingSince()).isEmpty();
        assertThat(after.nextAttempt()).isEmpty();
        assertThat(observer.events()).containsExactly("fetch " + issuer.issuer() + " ok");
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void statusDuringAnOutageKeepsTheLastGoodKeysAndSaysSinceWhenAndWhenNextWithoutAFetchPerCall() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        JwksKeySource source = JwksKeySource.forIssuer(issuer.issuer(), new Discovery(fetcher), fetcher, REFRESH, clock,
                refresher, 2048, observer);
        source.candidates(issuer.signingKey().getKeyID());
        issuer.failWith(503);
        clock.advance(Duration.ofMinutes(11)); // keys expired: the next status starts a refresh
        Instant failedAt = clock.instant();

        source.status();
        settle(source);
        for (int i = 0; i < 50; i++) {
            source.status(); // a storm of probes within the back-off
        }
        KeySetStatus down = source.status();

        assertThat(down.keysKnown()).isTrue();
        assertThat(down.failingSince()).contains(failedAt);
        assertThat(down.lastFailure()).hasValueSatisfying(reason -> assertThat(reason).contains("HTTP 503"));
        assertThat(down.nextAttempt()).contains(failedAt.plus(WINDOW));
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);

        issuer.recover();
        clock.advance(WINDOW);
        source.status();
        settle(source);
        KeySetStatus back = source.status();
        assertThat(back.failingSince()).isEmpty();
        assertThat(back.lastFailure()).isEmpty();
        assertThat(back.fetchedAt()).contains(clock.instant());
        assertThat(observer.events()).containsExactly("fetch " + issuer.issuer() + " ok",
                "fetch " + issuer.issuer() + " failed", "fetch " + issuer.issuer() + " ok");
    }

    @Test
    void issuerFailingAtFirstUseIsRetriedOncePerWindow() throws Exception {
        issuer.failWith(503);
        JwksKeySource source = direct();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> source.candidates("kid")).isInstanceOf(KeysUnavailableException.class)
                    .hasMessageContaining("HTTP 503");
        }
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
        clock.advance(WINDOW);
        issuer.recover();
        assertThat(source.candidates(issuer.signingKey().getKeyID())).hasSize(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void lastGoodKeysAreServedWhileTheIssuerIsDownWithoutAFetchStorm() throws Exception {
        JwksKeySource source = discovered();
        String kid = issuer.signingKey().getKeyID();
        source.candidates(kid);
        issuer.failWith(503);
        issuer.resetCounts();

        clock.advance(Duration.ofMinutes(11)); // keys expired
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                assertThat(source.candidates(kid)).extracting(SigningKey::kid).containsExactly(kid);
                String unknown = "unknown-" + i;
                // an unknown kid cannot be checked while the issuer is down: "unavailable", never "invalid"
                assertThatThrownBy(() -> source.candidates(unknown)).isInstanceOf(KeysUnavailableException.class);
            }
            settle(source);
            assertThat(issuer.requestCount("jwks")).isEqualTo(round + 1);
            clock.advance(WINDOW.multipliedBy(2L << round)); // past the backoff of this failure and its jitter
        }
        assertThat(issuer.requestCount("openid-configuration")).isZero();
    }

    @Test
    void expiredKeysAreServedAtOnceWhileTheRefreshRunsInTheBackground() throws Exception {
        JwksKeySource source = direct();
        String kid = issuer.signingKey().getKeyID();
        source.candidates(kid);
        issuer.hangJwks(); // the refresh cannot end before the test releases it
        clock.advance(Duration.ofMinutes(11));

        assertThat(source.candidates(kid)).hasSize(1);
        assertThat(source.refreshing()).as("the refresh the call started, still held at the issuer").isNotDone();
        issuer.recover();
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void rotationIsPickedUpByTheFirstRequestAfterTheWindow() throws Exception {
        JwksKeySource source = direct();
        SigningKey old = source.candidates(issuer.signingKey().getKeyID()).get(0);
        issuer.rotateKeys();
        String newKid = issuer.signingKey().getKeyID();

        clock.advance(Duration.ofSeconds(1));
        // within the window of the first fetch: "retry after", never "invalid"
        assertThatThrownBy(() -> source.candidates(newKid)).isInstanceOfSatisfying(KeysUnavailableException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(WINDOW.minusSeconds(1)));
        clock.advance(WINDOW);
        List<SigningKey> rotated = source.candidates(newKid);
        assertThat(rotated).extracting(SigningKey::kid).containsExactly(newKid);
        assertThat(source.isCurrent(rotated.get(0))).isTrue();
        assertThat(source.isCurrent(old)).isFalse();
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void isCurrentAloneNoticesARotationOnceTheKeysAreStale() throws Exception {
        // A cache of verified tokens asks only isCurrent(); the key set must still be refreshed on time.
        JwksKeySource source = direct();
        SigningKey old = source.candidates(issuer.signingKey().getKeyID()).get(0);
        issuer.rotateKeys();

        clock.advance(Duration.ofMinutes(9));
        assertThat(source.isCurrent(old)).isTrue();
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(source.isCurrent(old)).isTrue(); // the stale set answers at once; the refresh runs behind
        settle(source);
        assertThat(source.isCurrent(old)).isFalse();
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void aKeyStillPublishedAfterARefreshIsTheSameObjectSoWhatItVerifiedStaysCurrent() throws Exception {
        JwksKeySource source = direct();
        String kid = issuer.signingKey().getKeyID();
        SigningKey key = source.candidates(kid).get(0);
        issuer.publish(new ECKeyGenerator(Curve.P_256).keyID("ec").generate()); // the key set changes around it

        clock.advance(REFRESH.defaultTtl().plusSeconds(1));
        assertThat(source.isCurrent(key)).isTrue(); // the stale set answers at once; the refresh runs behind
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
        assertThat(source.candidates("ec")).hasSize(1); // the refresh did replace the key set
        assertThat(source.isCurrent(key)).isTrue();
        assertThat(source.candidates(kid)).singleElement().isSameAs(key);
    }

    @Test
    void anotherKeyUnderTheSameKidIsNotTheKeyThatWasThere() throws Exception {
        issuer.publish(new ECKeyGenerator(Curve.P_256).keyID("ec").generate());
        JwksKeySource source = direct();
        SigningKey before = source.candidates("ec").get(0);
        issuer.unpublishExtraKeys();
        issuer.publish(new ECKeyGenerator(Curve.P_256).keyID("ec").generate());

        clock.advance(REFRESH.defaultTtl().plusSeconds(1));
        source.isCurrent(before);
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
        assertThat(source.isCurrent(before)).isFalse();
        assertThat(source.candidates("ec")).singleElement().isNotSameAs(before);
    }

    @Test
    void isCurrentComparesIdentityNotEquality() throws Exception {
        JwksKeySource source = direct();
        SigningKey key = source.candidates(issuer.signingKey().getKeyID()).get(0);
        assertThat(source.isCurrent(key)).isTrue();
        assertThat(source.isCurrent(new SigningKey(key.kid(), key.publicKey(), key.algorithm()))).isFalse();
    }

    @Test
    void floodOfRandomKidsFromManyThreadsFetchesOncePerWindow() throws Exception {
        JwksKeySource source = direct();
        String kid = issuer.signingKey().getKeyID();
        source.candidates(kid);
        clock.advance(WINDOW);
        issuer.resetCounts();

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> floods = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                floods.add(() -> {
                    int found = 0;
                    for (int i = 0; i < 500; i++) {
                        try {
                            found += source.candidates(UUID.randomUUID().toString()).size();
                        } catch (KeysUnavailableException retryLater) {
                            // also fine: no fetch is due for this kid yet
                        }
                    }
                    return found;
                });
            }
            for (Future<Integer> result : threads.invokeAll(floods, BOUND.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(result.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
        assertThat(source.candidates(kid)).hasSize(1);
    }

    @Test
    void concurrentColdCallersShareOneFetchOneWaitsTheOthersAreToldToRetry() throws Exception {
        issuer.delay(Duration.ofMillis(100)); // more callers overlap the fetch; the assertions hold either way
        JwksKeySource source = discovered();
        String kid = issuer.signingKey().getKeyID();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(threads.submit(() -> {
                    go.await();
                    try {
                        return source.candidates(kid).size();
                    } catch (KeysUnavailableException retryLater) {
                        return -1;
                    }
                }));
            }
            go.countDown();
            int served = 0;
            for (Future<Integer> result : results) {
                int size = result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(size).isIn(1, -1);
                served += size == 1 ? 1 : 0;
            }
            assertThat(served).isPositive(); // the one that waited
        } finally {
            threads.shutdownNow();
        }
        settle(source);
        assertThat(source.candidates(kid)).hasSize(1);
        assertThat(issuer.requestCount("openid-configuration")).isEqualTo(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void oneUnknownKidCallerWaitsForTheRefreshTheOthersAreToldToRetry() throws Exception {
        JwksKeySource source = direct();
        source.candidates(issuer.signingKey().getKeyID());
        issuer.rotateKeys();
        String newKid = issuer.signingKey().getKeyID();
        issuer.delay(Duration.ofMillis(200)); // more callers overlap the fetch; the assertions hold either way
        clock.advance(WINDOW);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(threads.submit(() -> {
                    try {
                        return source.candidates(newKid).get(0).kid();
                    } catch (KeysUnavailableException retryLater) {
                        return "retry";
                    }
                }));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> result : results) {
                answers.add(result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            }
            assertThat(answers).containsOnly(newKid, "retry").contains(newKid);
        } finally {
            threads.shutdownNow();
        }
        assertThat(source.candidates(newKid)).extracting(SigningKey::kid).containsExactly(newKid);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void cacheControlMaxAgeSetsTheLifetime() throws Exception {
        issuer.jwksCacheControl("public, max-age=120");
        JwksKeySource source = direct();
        String kid = issuer.signingKey().getKeyID();
        source.candidates(kid);
        clock.advance(Duration.ofSeconds(119));
        source.candidates(kid);
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        source.candidates(kid);
        settle(source);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void shortMaxAgeIsRaisedToTheMinimumLifetime() throws Exception {
        assertLifetime("max-age=1", REFRESH.minTtl());
    }

    @Test
    void noStoreIsRaisedToTheMinimumLifetime() throws Exception {
        assertLifetime("no-store", REFRESH.minTtl());
    }

    @Test
    void longMaxAgeIsCappedAtTheMaximumLifetime() throws Exception {
        assertLifetime("max-age=31536000", REFRESH.maxTtl());
    }

    @Test
    void missingCacheControlMeansTheDefaultLifetime() throws Exception {
        assertLifetime(null, REFRESH.defaultTtl());
    }

    private void assertLifetime(String cacheControl, Duration expected) throws Exception {
        issuer.jwksCacheControl(cacheControl);
        JwksKeySource source = direct();
        String kid = issuer.signingKey().getKeyID();
        source.candidates(kid);
        clock.advance(expected.minusSeconds(1));
        source.candidates(kid);
        settle(source);
        assertThat(issuer.requestCount("jwks")).as("fetches just before %s", expected).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        source.candidates(kid);
        settle(source);
        assertThat(issuer.requestCount("jwks")).as("fetches at %s", expected).isEqualTo(2);
    }

    @Test
    void keysThatMustNotVerifySignaturesAreDropped() throws Exception {
        RSAKey enc = new RSAKeyGenerator(2048).keyID("rsa-enc").keyUse(KeyUse.ENCRYPTION).generate();
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("rsa-1024").generate();
        RSAKey rsaHs256 = new RSAKeyGenerator(2048).keyID("rsa-hs256").algorithm(JWSAlgorithm.HS256).generate();
        RSAKey rsaEs256 = new RSAKeyGenerator(2048).keyID("rsa-es256").algorithm(JWSAlgorithm.ES256).generate();
        ECKey p256Es384 = new ECKeyGenerator(Curve.P_256).keyID("p256-es384").algorithm(JWSAlgorithm.ES384).generate();
        ECKey p256Es256 = new ECKeyGenerator(Curve.P_256).keyID("p256-es256").algorithm(JWSAlgorithm.ES256).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        var oct = new OctetSequenceKeyGenerator(256).keyID("oct").algorithm(JWSAlgorithm.HS256).generate();
        OctetKeyPair ed = TestIssuer.ed25519Key("ed25519");
        OctetKeyPair x25519 = x25519Key("x25519");
        issuer.publish(enc, weak, rsaHs256, rsaEs256, p256Es384, p256Es256, p384, oct, ed, x25519);

        List<SigningKey> keys = direct().candidates(null);

        assertThat(keys).extracting(SigningKey::kid)
                .containsExactlyInAnyOrder(issuer.signingKey().getKeyID(), "p256-es256", "p384", "ed25519");
        assertThat(keys).filteredOn(k -> "p256-es256".equals(k.kid())).singleElement()
                .satisfies(k -> assertThat(k.algorithm()).contains("ES256"));
        assertThat(keys).filteredOn(k -> "p384".equals(k.kid())).singleElement()
                .satisfies(k -> assertThat(k.algorithm()).isEmpty());
        assertThat(keys).filteredOn(k -> "ed25519".equals(k.kid())).singleElement()
                .satisfies(k -> assertThat(k.publicKey()).isEqualTo(TestIssuer.ed25519PublicKey(ed)));
    }

    @Test
    void aPublishedPrivateKeyIsDroppedAsCompromised() throws Exception {
        // anyone who fetched this key set can sign with the key: it must not verify anything
        RSAKey leaked = new RSAKeyGenerator(2048).keyID("leaked").generate();
        String published = "{\"keys\":[" + issuer.signingKey().toPublicJWK() + "," + leaked.toJSONString() + "]}";

        assertThat(SigningKeys.fromJwks(published)).extracting(SigningKey::kid).containsExactly(issuer.signingKey().getKeyID());
    }

    @Test
    void keySetWithoutUsableKeysIsAFailedFetch() throws Exception {
        issuer.jwksBody("application/json", ("{\"keys\":[" + new RSAKeyGenerator(1024, true).generate().toPublicJWK()
                + "]}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> direct().candidates(null))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("no usable signing keys");
    }

    @Test
    void htmlInsteadOfAKeySetIsAFailedFetchAndKeepsTheLastGoodKeys() throws Exception {
        issuer.jwksBody("text/html", "<html><body>Please log in</body></html>".getBytes(StandardCharsets.UTF_8));
        JwksKeySource cold = direct();
        assertThatThrownBy(() -> cold.candidates(null)).isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("not a valid key set");

        issuer.recover();
        JwksKeySource warm = direct();
        String kid = issuer.signingKey().getKeyID();
        warm.candidates(kid);
        issuer.jwksBody("text/html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(11));
        warm.candidates(kid);
        settle(warm);
        assertThat(warm.candidates(kid)).hasSize(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(3);
    }

    @Test
    void oversizedKeySetIsAFailedFetch() {
        byte[] huge = new byte[64 * 1024];
        Arrays.fill(huge, (byte) ' ');
        issuer.jwksBody("application/json", huge);
        assertThatThrownBy(() -> direct().candidates(null))
                .isInstanceOf(KeysUnavailableException.class)
                .hasCauseInstanceOf(HttpFetcher.ResponseTooLargeException.class);
    }

    @Test
    void slowKeySetFailsWithinTheFetchBounds() {
        issuer.hangJwks();
        // the issuer never answers and the caller may wait 30 s: only the fetch deadline (700 ms) ends the call early
        HttpFetcher bounded = fetcher(new FetchPolicy(Duration.ofMillis(300), Duration.ofMillis(400), 16 * 1024, false));
        JwksKeySource source = JwksKeySource.forJwksUri(issuer.jwksUri(), bounded, REFRESH, clock, refresher);
        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThatThrownBy(() -> source.candidates(null)).isInstanceOf(KeysUnavailableException.class)
                    .hasCauseInstanceOf(HttpTimeoutException.class);
        });
    }

    @Test
    void wrongIssuerMetadataMakesKeysUnavailable() {
        issuer.metadataIssuer(issuer.issuer() + "/");
        assertThatThrownBy(() -> discovered().candidates(null))
                .isInstanceOf(KeysUnavailableException.class)
                .hasCauseInstanceOf(IssuerMetadataException.class);
        assertThat(issuer.requestCount("jwks")).isZero();
    }

    @Test
    void insecureJwksUriIsRefusedAtConstruction() {
        assertThatThrownBy(() -> JwksKeySource.forJwksUri(URI.create("http://keys.example.com/jwks"), fetcher, REFRESH, clock, refresher))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- a hanging or failing issuer must not hold request threads (issue 14 item 2)

    /** The waiting bound under test. */
    private static final Duration MAX_WAIT = Duration.ofMillis(300);

    /**
     * A source whose callers wait at most {@code maxWait} for a fetch that may take five minutes: against a hanging
     * issuer only the waiting bound keeps callers short. A call that returns within {@link Patience#UPPER_BOUND} (wide,
     * so that load cannot break it) was ended by the bound, not by the fetch.
     */
    private JwksKeySource sourceWaiting(Duration maxWait) {
        HttpFetcher slow = fetcher(new FetchPolicy(Patience.GENEROUS, Duration.ofMinutes(5), 16 * 1024, false));
        KeyRefreshPolicy policy = new KeyRefreshPolicy(REFRESH.defaultTtl(), REFRESH.minTtl(), REFRESH.maxTtl(),
                REFRESH.minRefreshInterval(), maxWait);
        return JwksKeySource.forJwksUri(issuer.jwksUri(), slow, policy, clock, refresher);
    }

    /** Runs each call on its own thread, all released at once; returns how long each call took. */
    private static List<Duration> concurrently(int callers, Callable<?> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Duration>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    try {
                        call.call();
                    } catch (KeysUnavailableException retryLater) {
                        // the answer this test expects for most callers
                    }
                    return Duration.ofNanos(System.nanoTime() - start);
                }));
            }
            ready.await();
            go.countDown();
            List<Duration> waits = new ArrayList<>();
            for (Future<Duration> result : results) {
                waits.add(result.get(BOUND.multipliedBy(2).toSeconds(), TimeUnit.SECONDS));
            }
            return waits;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aHangingIssuerHoldsAtMostOneCallerAndNoneLongerThanTheWaitBound() throws Exception {
        issuer.hangJwks();
        JwksKeySource source = sourceWaiting(MAX_WAIT);

        List<Duration> waits = concurrently(50, () -> source.candidates("kid"));

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThan(Patience.UPPER_BOUND));
        assertThat(issuer.maxConcurrentJwksRequests()).isEqualTo(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
    }

    @Test
    void anUnknownKidDuringAHangingRefreshHoldsNoCallerLongerThanTheWaitBound() throws Exception {
        JwksKeySource source = sourceWaiting(MAX_WAIT);
        String kid = issuer.signingKey().getKeyID();
        try {
            source.candidates(kid);
        } catch (KeysUnavailableException slowFirstFetch) {
            // on a busy machine the first fetch may take longer than the short wait: the keys arrive behind
        }
        settle(source);
        assertThat(source.candidates(kid)).hasSize(1);
        issuer.hangJwks();
        clock.advance(WINDOW);

        List<Duration> waits = concurrently(50, () -> source.candidates("rotated-" + UUID.randomUUID()));

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThan(Patience.UPPER_BOUND));
        assertThat(source.candidates(kid)).hasSize(1); // the last good keys are still served
        assertThat(issuer.maxConcurrentJwksRequests()).isEqualTo(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void afterAFailedFetchCallersAreToldToRetryAtOnceUntilTheNextAttemptIsDue() throws Exception {
        issuer.failWith(503);
        JwksKeySource source = sourceWaiting(Duration.ofMinutes(5));
        assertThatThrownBy(() -> source.candidates("kid")).isInstanceOf(KeysUnavailableException.class);
        issuer.hangJwks(); // were a fetch started now, one caller would wait five minutes

        clock.advance(WINDOW.minusSeconds(1));
        List<Duration> waits = concurrently(50, () -> source.candidates("kid"));

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThan(Patience.UPPER_BOUND));
        assertThat(issuer.requestCount("jwks")).isEqualTo(1);
        assertThatThrownBy(() -> source.candidates("kid")).isInstanceOfSatisfying(KeysUnavailableException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void theWaitBetweenAttemptsGrowsWhileTheIssuerKeepsFailing() throws Exception {
        issuer.failWith(503);
        JwksKeySource source = direct();
        assertThatThrownBy(() -> source.candidates("kid")).isInstanceOf(KeysUnavailableException.class);
        clock.advance(WINDOW);
        assertThatThrownBy(() -> source.candidates("kid")).isInstanceOf(KeysUnavailableException.class);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);

        clock.advance(WINDOW); // the second failure doubled the wait: no attempt yet
        assertThatThrownBy(() -> source.candidates("kid")).isInstanceOfSatisfying(KeysUnavailableException.class,
                e -> assertThat(e.retryAfter()).isBetween(WINDOW, WINDOW.multipliedBy(12).dividedBy(10).plusSeconds(1)));
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);

        clock.advance(WINDOW.multipliedBy(2)); // past the doubled wait and its jitter
        issuer.recover();
        assertThat(source.candidates(issuer.signingKey().getKeyID())).hasSize(1);
        assertThat(issuer.requestCount("jwks")).isEqualTo(3);
    }

    // ---- valid tokens are not refused after a key rotation (issue 14 item 3)

    @Test
    void aRotationUnderConcurrentLoadRefusesNoTokenSignedWithTheNewKey() throws Exception {
        JwksKeySource source = direct();
        source.candidates(issuer.signingKey().getKeyID());
        clock.advance(Duration.ofSeconds(1)); // a refresh just happened: the next fetch is not due for 4 s
        issuer.rotateKeys();
        String newKid = issuer.signingKey().getKeyID();
        int threads = 16;
        int triesBeforeTheWindow = 20;
        CountDownLatch everyoneTried = new CountDownLatch(threads);
        CountDownLatch retryAfterPassed = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    // each client retries within the window, then waits for the Retry-After the test moves the clock
                    // past, then retries until it is served: a bound on attempts would race the refresh
                    long deadline = System.nanoTime() + BOUND.toNanos();
                    for (int attempt = 1; System.nanoTime() - deadline < 0; attempt++) {
                        try {
                            if (!source.candidates(newKid).isEmpty()) {
                                served.incrementAndGet();
                                break;
                            }
                            refused.incrementAndGet(); // would be a 401 for a valid token
                        } catch (KeysUnavailableException retryLater) {
                            // a 503 with Retry-After: the client tries again
                        }
                        if (attempt == triesBeforeTheWindow) {
                            everyoneTried.countDown();
                            retryAfterPassed.await();
                        }
                        Thread.yield();
                    }
                    return null;
                }));
            }
            assertThat(everyoneTried.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            clock.advance(WINDOW); // the Retry-After has passed
            retryAfterPassed.countDown();
            for (Future<?> client : clients) {
                client.get(BOUND.multipliedBy(2).toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(served).hasValue(threads);
        assertThat(refused).hasValue(0);
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    @Test
    void aFloodOfRandomKidsOverSeveralWindowsCostsAtMostOneFetchPerWindow() throws Exception {
        JwksKeySource source = direct();
        source.candidates(issuer.signingKey().getKeyID());
        issuer.resetCounts();
        int windows = 4;
        for (int w = 0; w < windows; w++) {
            clock.advance(WINDOW);
            concurrently(8, () -> {
                for (int i = 0; i < 100; i++) {
                    try {
                        assertThat(source.candidates(UUID.randomUUID().toString())).isEmpty();
                    } catch (KeysUnavailableException retryLater) {
                        // no fetch due for this kid
                    }
                }
                return null;
            });
            settle(source);
        }
        assertThat(issuer.requestCount("jwks")).isBetween(1, windows);
    }

    @Test
    void aKeyRemovedUnderNoCacheIsRefusedOnceTheMinimumLifetimeHasPassed() throws Exception {
        issuer.jwksCacheControl("no-cache"); // as Keycloak sends it
        JwksKeySource source = direct();
        SigningKey removed = source.candidates(issuer.signingKey().getKeyID()).get(0);
        issuer.rotateKeys();

        clock.advance(REFRESH.minTtl().minusSeconds(1));
        assertThat(source.isCurrent(removed)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        source.isCurrent(removed); // starts the refresh
        settle(source);

        assertThat(source.isCurrent(removed)).isFalse(); // at minTtl (60 s) after the fetch that last had it
        assertThat(issuer.requestCount("jwks")).isEqualTo(2);
    }

    private static OctetKeyPair x25519Key(String kid) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .keyID(kid).build();
    }
}
