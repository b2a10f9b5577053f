package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

/**
 * The filter's header and its 401 handling, through fake request/response contexts and a recording replay
 * (no JAX-RS implementation is on the test classpath; the Liberty integration test covers the real re-send).
 */
class ClientCredentialsFilterTest {

    /** Hands out token-1, then token-2, ... after each invalidation; records invalidations. */
    private static final class CountingSource implements TokenSource {
        int issued = 1;
        final List<AccessToken> invalidated = new ArrayList<>();

        @Override
        public synchronized AccessToken token() {
            return AccessToken.bearer("token-" + issued, Instant.parse("2030-01-01T00:00:00Z"), Set.of());
        }

        @Override
        public synchronized void invalidate(AccessToken token) {
            invalidated.add(token);
            if (token.equals(token())) {
                issued++;
            }
        }
    }

    /** A replay that answers 200 and records what it was asked to send. */
    private static final class RecordingReplay implements RequestReplay {
        final List<String> authorizations = new ArrayList<>();

        @Override
        public Replayed resend(ClientRequestContext request, String authorization) {
            authorizations.add(authorization);
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            headers.putSingle("Content-Type", "text/plain");
            return new Replayed(200, headers, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final CountingSource source = new CountingSource();
    private final RecordingReplay replay = new RecordingReplay();
    private final ClientCredentialsFilter filter = new ClientCredentialsFilter(source, null, replay);

    @Test
    void everyRequestCarriesTheCurrentBearerToken() {
        FakeRequest request = new FakeRequest("GET", null);

        filter.filter(request.context());

        assertThat(request.headers.get("Authorization")).containsExactly("Bearer token-1");
    }

    @Test
    void anExistingAuthorizationHeaderIsReplaced() {
        FakeRequest request = new FakeRequest("GET", null);
        request.headers.add("Authorization", "Basic old");

        filter.filter(request.context());

        assertThat(request.headers.get("Authorization")).containsExactly("Bearer token-1");
    }

    @Test
    void a401DropsTheTokenAndReplaysOnceWithANewOne() throws IOException {
        FakeRequest request = new FakeRequest("GET", null);
        filter.filter(request.context());
        FakeResponse response = new FakeResponse(401);

        filter.filter(request.context(), response.context());

        assertThat(source.invalidated).extracting(AccessToken::value).containsExactly("token-1");
        assertThat(replay.authorizations).containsExactly("Bearer token-2");
        assertThat(response.status).isEqualTo(200);
        assertThat(response.headers.getFirst("Content-Type")).isEqualTo("text/plain");
        assertThat(new String(response.entity.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        // RESTEasy closes the whole response when its entity stream is closed: the refused body is drained instead
        assertThat(response.refusedBody.available()).isZero();
        assertThat(response.refusedBodyClosed).isFalse();
    }

    @Test
    void aPostWithAStringEntityIsReplayed() throws IOException {
        FakeRequest request = new FakeRequest("POST", "{\"amount\":1}");
        filter.filter(request.context());

        filter.filter(request.context(), new FakeResponse(401).context());

        assertThat(replay.authorizations).containsExactly("Bearer token-2");
    }

    @Test
    void aStreamedEntityIsNotReplayedButTheTokenIsStillDropped() throws IOException {
        FakeRequest request = new FakeRequest("PUT", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        filter.filter(request.context());
        FakeResponse response = new FakeResponse(401);

        filter.filter(request.context(), response.context());

        assertThat(source.invalidated).hasSize(1);
        assertThat(replay.authorizations).isEmpty();
        assertThat(response.status).isEqualTo(401);
    }

    @Test
    void aReplayedRequestIsNeverReplayedAgain() throws IOException {
        // the replay goes through the same filters; its 401 must reach the caller
        RequestReplay nested = (request, authorization) -> {
            FakeRequest again = new FakeRequest(request.getMethod(), null);
            again.properties.put(ClientCredentialsFilter.REPLAYED_PROPERTY, Boolean.TRUE);
            filter.filter(again.context());
            FakeResponse stillRefused = new FakeResponse(401);
            try {
                filter.filter(again.context(), stillRefused.context());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new RequestReplay.Replayed(stillRefused.status, stillRefused.headers, InputStream.nullInputStream());
        };
        ClientCredentialsFilter looping = new ClientCredentialsFilter(source, null, (request, authorization) -> {
            replay.authorizations.add(authorization);
            return nested.resend(request, authorization);
        });
        FakeRequest request = new FakeRequest("GET", null);
        looping.filter(request.context());
        FakeResponse response = new FakeResponse(401);

        looping.filter(request.context(), response.context());

        assertThat(replay.authorizations).hasSize(1);
        assertThat(response.status).isEqualTo(401);
    }

    @Test
    void otherStatusesAreLeftAlone() throws IOException {
        FakeRequest request = new FakeRequest("GET", null);
        filter.filter(request.context());
        FakeResponse response = new FakeResponse(403);

        filter.filter(request.context(), response.context());

        assertThat(source.invalidated).isEmpty();
        assertThat(replay.authorizations).isEmpty();
        assertThat(response.status).isEqualTo(403);
    }

    @Test
    void aFixedTokenIsNotReplayed() throws IOException {
        TokenSource fixed = new FixedTokenSource("kaunt", "fixed-token");
        ClientCredentialsFilter fixedFilter = new ClientCredentialsFilter(fixed, null, replay);
        FakeRequest request = new FakeRequest("GET", null);
        fixedFilter.filter(request.context());
        FakeResponse response = new FakeResponse(401);

        fixedFilter.filter(request.context(), response.context());

        assertThat(replay.authorizations).isEmpty();
        assertThat(response.status).isEqualTo(401);
    }

    @Test
    void requestsThisFilterDidNotAuthenticateAreLeftAlone() throws IOException {
        FakeRequest request = new FakeRequest("GET", null);

        filter.filter(request.context(), new FakeResponse(401).context());

        assertThat(source.invalidated).isEmpty();
        assertThat(replay.authorizations).isEmpty();
    }

    /** A ClientRequestContext backed by plain fields. */
    private static final class FakeRequest {
        final String method;
        final Object entity;
        final Map<String, Object> properties = new HashMap<>();
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        FakeRequest(String method, Object entity) {
            this.method = method;
            this.entity = entity;
        }

        ClientRequestContext context() {
            return (ClientRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClientRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getUri" -> URI.create("https://api.kaunt.example/v1/things");
                        case "hasEntity" -> entity != null;
                        case "getEntity" -> entity;
                        case "getHeaders" -> headers;
                        case "getProperty" -> properties.get((String) args[0]);
                        case "setProperty" -> properties.put((String) args[0], args[1]);
                        case "removeProperty" -> properties.remove((String) args[0]);
                        case "toString" -> "FakeRequest";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** A ClientResponseContext backed by plain fields. */
    private static final class FakeResponse {
        int status;
        final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        InputStream entity;
        final ByteArrayInputStream refusedBody;
        boolean refusedBodyClosed;

        FakeResponse(int status) {
            this.status = status;
            headers.putSingle("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            this.refusedBody = new ByteArrayInputStream("refused".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    refusedBodyClosed = true;
                }
            };
            this.entity = refusedBody;
        }

        ClientResponseContext context() {
            return (ClientResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClientResponseContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getStatus" -> status;
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getHeaders" -> headers;
                        case "getEntityStream" -> entity;
                        case "setEntityStream" -> {
                            entity = (InputStream) args[0];
                            yield null;
                        }
                        case "toString" -> "FakeResponse";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
