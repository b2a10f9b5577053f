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
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.cluster.SessionNoteServlet;

/**
 * Two Liberty servers behind one imaginary load balancer share HTTP sessions: Liberty's {@code sessionCache-1.0}
 * keeps them in a JCache that Hazelcast spreads over one member per server (server-config/cluster, docs/cluster.md).
 * A browser-like client (one cookie jar for 127.0.0.1, whatever the port) starts a session on server A and goes on
 * with it on server B, and back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("cluster") // runs only on the two cluster servers (pom.xml: failsafe execution integration-tests-cluster)
class ClusterIT {

    /** Generous: a server's first session access starts its Hazelcast member, slow on a busy machine. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

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

    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "cluster.war").addPackage(SessionNoteServlet.class.getPackage());
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
