package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.json.JsonObject;

import dev.tessera.client.SessionTokensProbe;
import dev.tessera.it.authorization.ProfileResource;
import dev.tessera.it.authorization.UpstreamResource;
import dev.tessera.it.cluster.SessionNoteServlet;

/**
 * Two Liberty servers behind one imaginary load balancer share HTTP sessions: Liberty's {@code sessionCache-1.0}
 * keeps them in a JCache that Hazelcast spreads over one member per server (server-config/cluster, docs/cluster.md).
 * A browser-like client (one cookie jar per host, whatever the port) starts a session on server A and goes on with it
 * on server B, and back; and a user's authorization code flow starts on A and ends on B, against Liberty's OpenID
 * Connect provider on A.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("cluster") // runs only on the two cluster servers (pom.xml: failsafe execution integration-tests-cluster)
class ClusterIT {

    /** Generous: a server's first session access starts its Hazelcast member, slow on a busy machine. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final String PORT_A = System.getProperty("tessera.cluster.a.http.port");
    static final String PORT_B = System.getProperty("tessera.cluster.b.http.port");
    /** Server A's OpenID Connect provider, reached as 127.0.0.1 (the application as localhost: cookies apart). */
    static final String ISSUER = "http://127.0.0.1:" + PORT_A + "/oidc/endpoint/OP";
    static final String CLIENT = "user";

    @Deployment(name = "a")
    @TargetsContainer("a")
    static WebArchive onA() {
        return application();
    }

    @Deployment(name = "b")
    @TargetsContainer("b")
    static WebArchive onB() {
        return application();
    }

    /** The same WAR on both servers: the session note, and an application with one authorization code client. */
    static WebArchive application() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("tessera.bearer.roles-claim", "scope");
        String client = "tessera.client." + CLIENT + ".";
        config.put(client + "grant", "authorization_code");
        config.put(client + "issuer", ISSUER);
        config.put(client + "client-id", "cluster-user");
        // the provider sends the user back to server B: start on A, callback on B
        config.put(client + "redirect-uri", app(PORT_B, "oauth/" + CLIENT + "/callback").toString());
        config.put(client + "scope", "profile.read");
        config.put(client + "pkce.verifier-on-refresh", "true");
        config.put(client + "http.read-timeout", "30s");
        return Deployments.war("cluster", config, UpstreamResource.class, ProfileResource.class, SessionTokensProbe.class)
                .addPackage(SessionNoteServlet.class.getPackage());
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL a;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL b;

    /** One browser: its cookies for 127.0.0.1 go to both servers, as a load balancer's clients' cookies do. */
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theTwoServersAreTwoServers() {
        assertThat(a.getPort()).isNotEqualTo(b.getPort());
        assertThat(servedBy(get(browser, a))).isEqualTo(a.getPort());
        assertThat(servedBy(get(browser, b))).isEqualTo(b.getPort());
    }

    @Test
    void aSessionStartedOnAIsSeenOnBAndAnUpdateOnBIsSeenOnA() {
        HttpResponse<String> written = post(a, "started-on-a");
        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(written.headers().firstValue("Set-Cookie")).as("a new session's cookie").isPresent();

        HttpResponse<String> onB = get(browser, b);
        assertThat(servedBy(onB)).isEqualTo(b.getPort());
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.body()).isEqualTo("started-on-a@" + a.getPort());

        assertThat(post(b, "updated-on-b").statusCode()).isEqualTo(200);
        String versionSent = sessionVersion();
        HttpResponse<String> backOnA = get(browser, a);
        assertThat(servedBy(backOnA)).isEqualTo(a.getPort());
        assertThat(backOnA.statusCode()).as(backOnA.body()).isEqualTo(200);
        assertThat(backOnA.body()).as("session version sent %s, then %s", versionSent, sessionVersion())
                .isEqualTo("updated-on-b@" + b.getPort());
    }

    @Test
    void eachUpdateIsSeenOnTheOtherServerAtOnceWhenTheRequestsAlternate() {
        assertThat(post(a, "update-0").statusCode()).isEqualTo(200);
        for (int i = 1; i <= 6; i++) {
            URL writer = i % 2 == 0 ? a : b;
            URL reader = writer == a ? b : a;
            assertThat(post(writer, "update-" + i).statusCode()).isEqualTo(200);
            HttpResponse<String> read = get(browser, reader);
            assertThat(servedBy(read)).isEqualTo(reader.getPort());
            assertThat(read.body()).as("round %d, session version %s", i, sessionVersion())
                    .isEqualTo("update-" + i + "@" + writer.getPort());
        }
    }

    @Test
    void anotherBrowserDoesNotSeeTheSession() {
        assertThat(post(a, "for-this-browser-only").statusCode()).isEqualTo(200);
        HttpClient another = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
        HttpResponse<String> onB = get(another, b);
        assertThat(servedBy(onB)).isEqualTo(b.getPort());
        assertThat(onB.statusCode()).isEqualTo(404);
    }

    /**
     * Issue 15's case: the user starts the authorization on A, signs in and consents at the provider, which sends
     * them back to B; B finds the state and PKCE verifier that A kept, exchanges the code, and calls the API with the
     * user's token. A then refreshes that token with the refresh token B stored, B uses the refreshed one, and a
     * sign-out on B is a sign-out on A. The session's cookie is the only thing the two servers' requests share.
     */
    @Test
    void theUserStartsOnAAndComesBackOnBWhereTheApiIsCalledWithTheirTokenThenARefreshesItAndBSignsThemOut() {
        Browser user = new Browser();
        HttpResponse<String> start = user.get(URI.create(app(PORT_A, "oauth/" + CLIENT + "/start") + "?return="
                + URLEncoder.encode("/cluster/api/upstream/" + CLIENT, StandardCharsets.UTF_8)));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        assertThat(Browser.location(start).toString()).startsWith(ISSUER + "/authorize?");

        HttpResponse<String> consent = ProviderPages.logIn(user, start, "alice", ClusterIT::isCallback);
        assertThat(consent.body()).as("the provider's consent page").contains("oauthFormData");
        HttpResponse<String> consented = user.follow(user.post(ProviderPages.authorizationUrl(consent),
                ProviderPages.consentForm(consent, "consent")), ClusterIT::isCallback);
        URI callback = Browser.location(consented);
        assertThat(isCallback(callback)).as(callback.toString()).isTrue();
        assertThat(callback.getPort()).as("the callback goes to server B").isEqualTo(Integer.parseInt(PORT_B));

        HttpResponse<String> back = user.get(callback);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/cluster/api/upstream/" + CLIENT);
        assertCallsTheApiAsAlice(user, PORT_B);
        JsonObject tokens = probe(user, PORT_B);
        assertThat(probe(user, PORT_A)).as("A sees the tokens B stored").isEqualTo(tokens);

        // the access token expires (marked on B); the next use, on A, refreshes it with the refresh token from B
        assertThat(user.post(app(PORT_B, "api/probe/" + CLIENT + "/expire"), Map.of()).statusCode()).isEqualTo(200);
        assertCallsTheApiAsAlice(user, PORT_A);
        JsonObject refreshed = probe(user, PORT_A);
        assertThat(refreshed.getString("grant")).isEqualTo(tokens.getString("grant"));
        assertThat(refreshed.getString("access")).as("refreshed on A").isNotEqualTo(tokens.getString("access"));
        assertThat(refreshed.getString("refresh")).as("Liberty's provider rotates refresh tokens")
                .isNotEqualTo(tokens.getString("refresh"));
        assertThat(probe(user, PORT_B)).as("B sees the tokens A refreshed").isEqualTo(refreshed);
        assertCallsTheApiAsAlice(user, PORT_B);
        assertThat(probe(user, PORT_B)).as("B used them without refreshing again").isEqualTo(refreshed);

        HttpResponse<String> out = user.post(URI.create(app(PORT_B, "oauth/" + CLIENT + "/logout") + "?return=%2Fcluster%2F"),
                Map.of(), "Sec-Fetch-Site", "same-origin");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(user.get(app(PORT_A, "api/upstream/" + CLIENT + "/authorized")).body()).isEqualTo("false");
        HttpResponse<String> again = user.get(app(PORT_A, "api/upstream/" + CLIENT));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(Browser.location(again).getPath()).isEqualTo("/cluster/oauth/" + CLIENT + "/start");
    }

    @Test
    void aCallbackOnBForAnAuthorizationStartedInAnotherBrowserIsRefused() {
        Browser alice = new Browser();
        HttpResponse<String> start = alice.get(app(PORT_A, "oauth/" + CLIENT + "/start"));
        HttpResponse<String> consent = ProviderPages.logIn(alice, start, "alice", ClusterIT::isCallback);
        URI callback = Browser.location(alice.follow(alice.post(ProviderPages.authorizationUrl(consent),
                ProviderPages.consentForm(consent, "consent")), ClusterIT::isCallback));
        Browser other = new Browser();
        other.get(app(PORT_A, "oauth/" + CLIENT + "/start"));
        HttpResponse<String> refused = other.get(callback);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(other.get(app(PORT_B, "api/upstream/" + CLIENT + "/authorized")).body()).isEqualTo("false");
    }

    private static void assertCallsTheApiAsAlice(Browser user, String port) {
        HttpResponse<String> api = user.get(app(port, "api/upstream/" + CLIENT));
        assertThat(api.statusCode()).as("on port %s: %s", port, api.body()).isEqualTo(200);
        assertThat(ProviderPages.json(api.body()).getString("caller")).isEqualTo("alice");
    }

    /** Fingerprints of the user's tokens as the session on that server holds them (never the tokens). */
    private static JsonObject probe(Browser user, String port) {
        HttpResponse<String> answer = user.get(app(port, "api/probe/" + CLIENT));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ProviderPages.json(answer.body());
    }

    private static boolean isCallback(URI uri) {
        return uri.getPath().equals("/cluster/oauth/" + CLIENT + "/callback");
    }

    /** The application on one server, as the browser reaches it. */
    private static URI app(String port, String path) {
        return URI.create("http://localhost:" + port + "/cluster/" + path);
    }

    /**
     * The version Liberty keeps in the first four characters of the session cookie (never the session id itself): a
     * server whose in-memory copy of the session is older than the cookie says reads the session from the cache.
     */
    private String sessionVersion() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> c.getValue().substring(0, 4)).findFirst().orElse("none");
    }

    private HttpResponse<String> post(URL server, String text) {
        return send(browser, HttpRequest.newBuilder(URI.create(server + "note?text=" + text))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> get(HttpClient client, URL server) {
        return send(client, HttpRequest.newBuilder(URI.create(server + "note")));
    }

    private static int servedBy(HttpResponse<String> response) {
        return Integer.parseInt(response.headers().firstValue("X-Served-By").orElseThrow());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
