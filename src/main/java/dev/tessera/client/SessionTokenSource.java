package dev.tessera.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.tessera.config.TokenCachePolicy;

/**
 * The user token source of one authorization code client: tokens live in the HTTP session of the request on the
 * calling thread ({@link CurrentRequest}), as {@link SessionTokens} under {@link #tokensAttribute(String)}. A token
 * within the expiry margin is refreshed first, one refresh per grant at a time on this server (the others wait for
 * it); a rotated refresh token replaces the old one, and a refused refresh drops the tokens.
 */
final class SessionTokenSource implements UserTokenSource {

    private static final Logger LOG = Logger.getLogger(SessionTokenSource.class.getName());
    private static final String TOKENS = "dev.tessera.client.tokens.";
    private static final String PENDING = "dev.tessera.client.pending.";

    private final AuthorizationCodeFlow flow;
    private final String client;
    private final TokenCachePolicy policy;
    private final Clock clock;
    private final Map<String, CompletableFuture<SessionTokens>> refreshing = new ConcurrentHashMap<>();

    SessionTokenSource(AuthorizationCodeFlow flow, Clock clock) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.client = flow.client();
        this.policy = flow.settings().cache();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The session attribute holding a user's {@link SessionTokens} of client {@code name}. */
    static String tokensAttribute(String name) {
        return TOKENS + name;
    }

    /** The session attribute holding a session's {@link PendingAuthorizations} of client {@code name}. */
    static String pendingAttribute(String name) {
        return PENDING + name;
    }

    /** The flow behind this source. */
    AuthorizationCodeFlow flow() {
        return flow;
    }

    @Override
    public AccessToken token() {
        HttpServletRequest request = request();
        HttpSession session = request.getSession(false);
        SessionTokens tokens = session == null ? null : tokens(session);
        if (tokens == null) {
            throw required(request, "no token for the current user");
        }
        if (isUsable(tokens)) {
            return tokens.access();
        }
        return refreshed(request, session, tokens).access();
    }

    @Override
    public void invalidate(AccessToken token) {
        HttpServletRequest request = request();
        HttpSession session = request.getSession(false);
        SessionTokens tokens = session == null ? null : tokens(session);
        if (tokens != null && tokens.accessToken().equals(token.value())) {
            // the API refused it: the next token() refreshes (or restarts the authorization without a refresh token)
            store(session, tokens.expired());
        }
    }

    @Override
    public boolean isAuthorized() {
        HttpSession session = request().getSession(false);
        return session != null && tokens(session) != null;
    }

    @Override
    public void forget() {
        HttpSession session = request().getSession(false);
        SessionTokens tokens = session == null ? null : tokens(session);
        if (tokens != null) {
            session.removeAttribute(tokensAttribute(client));
            flow.revoke(tokens);
            LOG.fine(() -> "client '" + client + "': the user's tokens are forgotten");
        }
    }

    @Override
    public String startPath(String returnPath) {
        return required(request(), "").startPath(returnPath);
    }

    /** Stores tokens just obtained for the session's user. */
    void store(HttpSession session, SessionTokens tokens) {
        session.setAttribute(tokensAttribute(client), tokens);
    }

    private SessionTokens tokens(HttpSession session) {
        try {
            return session.getAttribute(tokensAttribute(client)) instanceof SessionTokens t ? t : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private boolean isUsable(SessionTokens tokens) {
        // short-lived tokens get a quarter of their lifetime as margin, so that each is used for a while
        Duration margin = policy.stopAhead(Duration.between(tokens.obtainedAt(), tokens.expiresAt()));
        return clock.instant().isBefore(tokens.expiresAt().minus(margin));
    }

    /** Refreshes once per grant at a time; the others wait for that refresh, at most the token timeout. */
    private SessionTokens refreshed(HttpServletRequest request, HttpSession session, SessionTokens seen) {
        if (seen.refresh().isEmpty()) {
            session.removeAttribute(tokensAttribute(client));
            throw required(request, "the user's access token expired and the provider issued no refresh token");
        }
        CompletableFuture<SessionTokens> mine = new CompletableFuture<>();
        CompletableFuture<SessionTokens> running = refreshing.putIfAbsent(seen.grantId(), mine);
        if (running != null) {
            return await(request, running);
        }
        try {
            SessionTokens now = tokens(session);
            if (now != null && !now.equals(seen) && isUsable(now)) {
                // refreshed meanwhile (by a request that finished just before this one started)
                mine.complete(now);
                return now;
            }
            SessionTokens fresh = SessionTokens.of(seen.grantId(),
                    flow.refresh(seen.refreshToken(), Optional.ofNullable(seen.codeVerifier())), clock.instant(), seen.refresh(),
                    Optional.ofNullable(seen.codeVerifier()));
            store(session, fresh);
            LOG.fine(() -> "client '" + client + "': the user's token was refreshed, valid until " + fresh.expiresAt());
            mine.complete(fresh);
            return fresh;
        } catch (TokenRequestRefusedException e) {
            // RFC 6749 §5.2 invalid_grant and the like: the grant is gone; only a new authorization helps
            session.removeAttribute(tokensAttribute(client));
            AuthorizationRequiredException required = required(request, "the provider refused the refresh (error=" + e.error() + ")");
            LOG.fine(() -> "client '" + client + "': refresh refused with error=" + e.error() + "; tokens dropped");
            mine.completeExceptionally(required);
            throw required;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            refreshing.remove(seen.grantId(), mine);
        }
    }

    private SessionTokens await(HttpServletRequest request, CompletableFuture<SessionTokens> running) {
        try {
            return running.get(policy.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationRequiredException) {
                throw required(request, "the provider refused the refresh");
            }
            throw e.getCause() instanceof TokenUnavailableException unavailable ? unavailable
                    : new TokenUnavailableException(client, "the refresh failed", e.getCause());
        } catch (TimeoutException e) {
            throw new TokenUnavailableException(client, "the refresh of the user's token did not finish within "
                    + policy.waitTimeout(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException(client, "interrupted while waiting for the refresh", e);
        }
    }

    private AuthorizationRequiredException required(HttpServletRequest request, String reason) {
        return new AuthorizationRequiredException(client, request.getContextPath() + flow.settings().grant().startPath(),
                reason.isEmpty() ? "authorization required" : reason);
    }

    private HttpServletRequest request() {
        return CurrentRequest.get().orElseThrow(() -> new IllegalStateException("client '" + client
                + "': the user's tokens can only be used on the thread of an HTTP request of the application"));
    }

    @Override
    public String toString() {
        return "SessionTokenSource[" + client + "]";
    }
}
