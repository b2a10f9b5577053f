package dev.tessera.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Sends the client's token as {@code Authorization: Bearer ...} on every request of a JAX-RS client or a
 * MicroProfile Rest Client. When the partner API answers 401, the token is dropped, a new one obtained, and the
 * request sent once more if its entity can be sent again; the replayed request is never replayed itself.
 * <p>
 * Plain JAX-RS: {@code client.register(new ClientCredentialsFilter(tokenSource))}. Rest Client (which needs a
 * class with a no-argument constructor): {@code public class KauntAuth extends ClientCredentialsFilter { public
 * KauntAuth() { super("kaunt"); } }} and {@code @RegisterProvider(KauntAuth.class)}; the token source is then
 * looked up through CDI on first use.
 */
@Priority(Priorities.AUTHENTICATION)
public class ClientCredentialsFilter implements ClientRequestFilter, ClientResponseFilter {

    /** Request property holding the token sent, so the response filter drops exactly that one. */
    static final String TOKEN_PROPERTY = ClientCredentialsFilter.class.getName() + ".token";
    /** Request property marking a replayed request, so that a second 401 is passed on, not replayed again. */
    static final String REPLAYED_PROPERTY = ClientCredentialsFilter.class.getName() + ".replayed";

    private static final Logger LOG = Logger.getLogger(ClientCredentialsFilter.class.getName());

    private final String clientName;
    private final RequestReplay replay;
    private volatile TokenSource source;

    /** Authenticates with tokens from {@code source}. */
    public ClientCredentialsFilter(TokenSource source) {
        this(Objects.requireNonNull(source, "source"), null, RequestReplay.JAX_RS);
    }

    /** Authenticates as client {@code clientName}, whose token source is looked up through CDI on first use. */
    public ClientCredentialsFilter(String clientName) {
        this(null, Objects.requireNonNull(clientName, "clientName"), RequestReplay.JAX_RS);
    }

    ClientCredentialsFilter(TokenSource source, String clientName, RequestReplay replay) {
        this.source = source;
        this.clientName = clientName;
        this.replay = Objects.requireNonNull(replay, "replay");
    }

    @Override
    public void filter(ClientRequestContext request) {
        AccessToken token = source().token();
        request.setProperty(TOKEN_PROPERTY, token);
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.authorization());
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() != 401 || request.getProperty(REPLAYED_PROPERTY) != null
                || !(request.getProperty(TOKEN_PROPERTY) instanceof AccessToken sent)) {
            return;
        }
        TokenSource tokens = source();
        tokens.invalidate(sent);
        if (!canResend(request)) {
            LOG.fine(() -> "401 for " + request.getMethod() + " " + request.getUri().getPath()
                    + ": token dropped; the entity cannot be sent again, so the 401 is passed on");
            return;
        }
        AccessToken fresh = tokens.token();
        if (fresh.equals(sent)) {
            // a fixed token, or the endpoint handed out the same one: sending it again cannot help
            return;
        }
        request.setProperty(TOKEN_PROPERTY, fresh);
        RequestReplay.Replayed replayed = replay.resend(request, fresh.authorization());
        InputStream refused = response.getEntityStream();
        if (refused != null) {
            // drain, do not close: in RESTEasy closing the entity stream closes the whole response, which the
            // caller is about to read with the replayed entity
            refused.transferTo(OutputStream.nullOutputStream());
        }
        response.setStatus(replayed.status());
        response.getHeaders().clear();
        response.getHeaders().putAll(replayed.headers());
        response.setEntityStream(replayed.entity());
        LOG.fine(() -> "401 for " + request.getMethod() + " " + request.getUri().getPath()
                + ": replayed once with a new token, status " + replayed.status());
    }

    /**
     * Whether the request can be sent again. A 401 means the server did not act on the request (RFC 9110
     * §15.5.2), so any method may be replayed; only a one-shot entity (a stream) cannot be sent twice.
     */
    static boolean canResend(ClientRequestContext request) {
        if (!request.hasEntity()) {
            return true;
        }
        Object entity = request.getEntity();
        return !(entity instanceof InputStream || entity instanceof Reader || entity instanceof StreamingOutput
                || (entity instanceof List<?> parts && parts.stream().anyMatch(EntityPart.class::isInstance)));
    }

    private TokenSource source() {
        TokenSource s = source;
        if (s == null) {
            s = CDI.current().select(TokenSources.class).get().source(clientName);
            source = s;
        }
        return s;
    }

    @Override
    public String toString() {
        return "ClientCredentialsFilter[" + (clientName != null ? clientName : source) + "]";
    }
}
