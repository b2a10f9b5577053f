package dev.tessera.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tessera.config.FetchPolicy;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;

class HttpFetcherTest {

    /** For fetches that must succeed: bounds no load reaches. */
    private static final FetchPolicy GENEROUS = Patience.fetches(16 * 1024);
    /** For fetches meant to time out, against an issuer that hangs until released: a 700 ms deadline. */
    private static final FetchPolicy SHORT = new FetchPolicy(Duration.ofMillis(300), Duration.ofMillis(400), 16 * 1024, false);
    private static TestIssuer issuer;
    private final HttpFetcher fetcher = new HttpFetcher(GENEROUS);
    private final HttpFetcher bounded = new HttpFetcher(SHORT);

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        issuer.registerClient("app", "secret");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @AfterEach
    void reset() {
        fetcher.close();
        bounded.close();
        issuer.recover();
        issuer.jwksCacheControl(null);
        issuer.resetCounts();
    }

    @Test
    void getReturnsStatusHeadersAndBody() throws IOException {
        issuer.jwksCacheControl("public, max-age=90");
        HttpFetcher.FetchedResponse response = fetcher.get(issuer.jwksUri());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).contains("application/json");
        assertThat(response.header("CACHE-CONTROL")).contains("public, max-age=90");
        assertThat(response.maxAge()).contains(Duration.ofSeconds(90));
        assertThat(response.text()).contains(issuer.signingKey().getKeyID());
    }

    @Test
    void errorStatusesAreReturnedNotThrown() throws IOException {
        issuer.failWith(503);
        assertThat(fetcher.get(issuer.jwksUri()).status()).isEqualTo(503);
    }

    @Test
    void postSendsHeadersAndBody() throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString("app:secret".getBytes(StandardCharsets.UTF_8));
        HttpFetcher.FetchedResponse response = fetcher.post(issuer.tokenEndpoint(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", basic),
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.maxAge()).contains(Duration.ZERO);
        List<TestIssuer.RecordedRequest> requests = issuer.tokenRequests();
        TestIssuer.RecordedRequest last = requests.get(requests.size() - 1);
        assertThat(last.body()).isEqualTo("grant_type=client_credentials");
        assertThat(last.header("content-type")).contains("application/x-www-form-urlencoded");
    }

    @Test
    void bodyLargerThanTheLimitIsRefusedByContentLength() {
        issuer.jwksBody("application/json", new byte[64 * 1024]);
        assertThatThrownBy(() -> fetcher.get(issuer.jwksUri()))
                .isInstanceOf(HttpFetcher.ResponseTooLargeException.class)
                .hasMessageContaining(issuer.jwksUri().toString())
                .hasMessageContaining("16384 bytes");
    }

    @Test
    void streamedBodyLargerThanTheLimitIsAbortedWhileReading() {
        issuer.jwksBody("application/json", new byte[64 * 1024]);
        issuer.jwksStreaming(Duration.ZERO);
        assertThatThrownBy(() -> fetcher.get(issuer.jwksUri()))
                .isInstanceOf(HttpFetcher.ResponseTooLargeException.class)
                .hasMessageContaining(issuer.jwksUri().toString());
    }

    @Test
    void slowResponseFailsWithinTheDeadline() {
        issuer.hangJwks(); // answers only when released: the deadline alone can end the fetch
        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThatThrownBy(() -> bounded.get(issuer.jwksUri()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining(issuer.jwksUri().toString())
                    .hasMessageContaining("within 700 ms");
        });
    }

    @Test
    void tricklingBodyIsBoundedByTheSameDeadline() {
        // the headers and the first 1 KiB come at once, the rest only when released: the JDK's own request timeout
        // stops at the headers, so only a deadline on the whole response ends this fetch
        issuer.jwksBody("application/json", new byte[8 * 1024]);
        issuer.jwksStreamingThenHang();
        assertTimeoutPreemptively(Patience.UPPER_BOUND, () -> {
            assertThatThrownBy(() -> bounded.get(issuer.jwksUri())).isInstanceOf(HttpTimeoutException.class);
        });
    }

    @Test
    void unreachableHostFailsWithTheUrlInTheMessage() {
        URI nobody = URI.create("http://127.0.0.1:" + TestIssuer.freePort() + "/jwks");
        assertThatThrownBy(() -> fetcher.get(nobody)).isInstanceOf(IOException.class).hasMessageContaining(nobody.toString());
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        issuer.failWith(302);
        assertThat(fetcher.get(issuer.jwksUri()).status()).isEqualTo(302);
    }

    @Test
    void insecureUrlIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> fetcher.get(URI.create("http://example.com/jwks")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://example.com/jwks");
    }

    @Test
    void httpsAndLoopbackHttpAreSecureEnough() {
        for (String url : List.of("https://example.com/x", "http://127.0.0.1:8080/x", "http://127.1.2.3/x",
                "http://localhost/x", "http://LOCALHOST:9/x", "http://[::1]:8080/x")) {
            assertThatCode(() -> HttpFetcher.requireSecure(URI.create(url), false)).as(url).doesNotThrowAnyException();
        }
    }

    @Test
    void plainHttpToOtherHostsIsRefusedUnlessAllowed() {
        for (String url : List.of("http://example.com/x", "http://127.0.0.1.example.com/x", "http://localhost.example.com/x",
                "http://10.0.0.1/x", "http://[::2]/x", "ftp://127.0.0.1/x", "file:///etc/passwd", "/relative")) {
            assertThatThrownBy(() -> HttpFetcher.requireSecure(URI.create(url), false)).as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatCode(() -> HttpFetcher.requireSecure(URI.create("http://example.com/x"), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> HttpFetcher.requireSecure(URI.create("ftp://example.com/x"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cacheControlMaxAgeIsParsed() {
        assertThat(response("max-age=60").maxAge()).contains(Duration.ofSeconds(60));
        assertThat(response("public, MAX-AGE=\"30\"").maxAge()).contains(Duration.ofSeconds(30));
        assertThat(response("max-age=99999999999999999999").maxAge()).contains(Duration.ofSeconds(2147483648L));
        assertThat(response("max-age=soon").maxAge()).isEmpty();
        assertThat(response("public").maxAge()).isEmpty();
        assertThat(new HttpFetcher.FetchedResponse(200, Map.of(), new byte[0]).maxAge()).isEmpty();
    }

    @Test
    void noStoreAndNoCacheMeanZero() {
        assertThat(response("no-store").maxAge()).contains(Duration.ZERO);
        assertThat(response("max-age=60, no-cache").maxAge()).contains(Duration.ZERO);
    }

    @Test
    void responseToStringNeverShowsTheBody() {
        HttpFetcher.FetchedResponse response = new HttpFetcher.FetchedResponse(200, Map.of(),
                "{\"access_token\":\"secret-token\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.toString()).doesNotContain("secret-token");
    }

    private static HttpFetcher.FetchedResponse response(String cacheControl) {
        return new HttpFetcher.FetchedResponse(200, Map.of("cache-control", List.of(cacheControl)), new byte[0]);
    }

    @Test
    void aClosedFetcherRefusesRequests() {
        fetcher.close();
        assertThatThrownBy(() -> fetcher.get(issuer.jwksUri())).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(issuer.requestCount("jwks")).isZero();
    }

    @Test
    void closingLetsTheHttpClientSelectorThreadEnd() throws Exception {
        // this fetcher's own selector thread: other tests' clients may end theirs meanwhile, so no count is compared
        Set<Thread> before = selectorThreads();
        HttpFetcher used = new HttpFetcher(GENEROUS);
        used.get(issuer.jwksUri());
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        Thread selector = started.iterator().next();

        used.close();
        used = null;
        // the JDK ends the selector once the client is unreachable; collect until it has (bounded)
        long deadline = System.nanoTime() + Patience.WAIT.toNanos();
        while (selector.isAlive() && System.nanoTime() < deadline) {
            System.gc();
            selector.join(50);
        }
        assertThat(selector.isAlive()).isFalse();
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().endsWith("SelectorManager"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
