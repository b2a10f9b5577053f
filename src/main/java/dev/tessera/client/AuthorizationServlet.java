package dev.tessera.client;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The start, callback and logout endpoints of one authorization code client inside the application's WAR
 * (registered by {@link AuthorizationInitializer}). Every refusal is a short HTML page with a 4xx status that never
 * echoes the code, the state or a token; every answer is {@code Cache-Control: no-store} and
 * {@code Referrer-Policy: no-referrer}, so the code in the callback URL does not travel on in a {@code Referer}.
 */
public final class AuthorizationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthorizationServlet.class.getName());

    private final String client;
    private final String startPath;
    private final String callbackPath;
    private final String logoutPath;
    private final transient Clock clock;
    private transient volatile SessionTokenSource source;

    /**
     * @param client       the client name
     * @param startPath    the servlet path of the start endpoint
     * @param callbackPath the servlet path of the redirect URI
     * @param logoutPath   the servlet path of the logout endpoint
     */
    AuthorizationServlet(String client, String startPath, String callbackPath, String logoutPath, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.startPath = startPath;
        this.callbackPath = callbackPath;
        this.logoutPath = logoutPath;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        String path = request.getServletPath();
        try {
            if (path.equals(startPath)) {
                start(request, response);
            } else if (path.equals(callbackPath)) {
                callback(request, response);
            } else {
                page(response, 405, "Method not allowed", "Use POST to sign out.");
            }
        } catch (TokenUnavailableException e) {
            LOG.fine(() -> "client '" + client + "': " + e.getMessage());
            page(response, 502, "The provider could not be reached", "Please try again later.");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        if (!request.getServletPath().equals(logoutPath)) {
            page(response, 405, "Method not allowed", "Use GET.");
            return;
        }
        if (isCrossSite(request)) {
            // a page of another site cannot sign the user out (login CSRF's twin)
            page(response, 403, "Forbidden", "Cross-site sign-out requests are refused.");
            return;
        }
        Optional<String> back = returnPath(request);
        if (back.isEmpty()) {
            page(response, 400, "Bad return path", "The return address must be a path on this site.");
            return;
        }
        source().forget();
        response.setStatus(303);
        response.setHeader("Location", back.get());
    }

    /** A new state (and PKCE verifier) in the session, then the provider. */
    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> back = returnPath(request);
        if (back.isEmpty()) {
            page(response, 400, "Bad return path", "The return address must be a path on this site.");
            return;
        }
        AuthorizationCodeFlow.Started started = source().flow().start(back.get());
        HttpSession session = request.getSession(true);
        String attribute = SessionTokenSource.pendingAttribute(client);
        PendingAuthorizations pending = session.getAttribute(attribute) instanceof PendingAuthorizations p ? p : PendingAuthorizations.NONE;
        session.setAttribute(attribute, pending.with(started.pending(), clock.instant()));
        LOG.fine(() -> "client '" + client + "': authorization started");
        response.setStatus(302);
        response.setHeader("Location", started.location().toString());
    }

    /** RFC 6749 §4.1.2: the state first (CSRF, RFC 6749 §10.12), then iss (RFC 9207), then error or code. */
    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = request.getParameter("state");
        HttpSession session = request.getSession(false);
        String attribute = SessionTokenSource.pendingAttribute(client);
        PendingAuthorizations all = session != null && session.getAttribute(attribute) instanceof PendingAuthorizations p ? p : null;
        Optional<PendingAuthorization> found = all == null || state == null ? Optional.empty() : all.find(state, clock.instant());
        if (found.isEmpty()) {
            LOG.fine(() -> "client '" + client + "': callback refused: " + (state == null ? "no state" : "unknown, used or expired state"));
            page(response, 400, "This sign-in link is no longer valid", "It was already used, has expired, or was"
                    + " started in another browser. Please start again.");
            return;
        }
        // single use, whatever happens next
        session.setAttribute(attribute, all.without(state));
        PendingAuthorization pending = found.get();
        Optional<String> issuerProblem = source().flow().issuerProblem(Optional.ofNullable(request.getParameter("iss")));
        if (issuerProblem.isPresent()) {
            LOG.fine(() -> "client '" + client + "': callback refused: " + issuerProblem.get());
            page(response, 400, "Sign-in refused", "The answer did not come from the expected provider.");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            String code = TokenResponse.clean(error, SecretMask.NONE);
            LOG.fine(() -> "client '" + client + "': the provider answered error=" + code);
            if (error.equals("access_denied")) {
                page(response, 403, "Access not granted", "You did not grant access, so nothing was connected.");
            } else {
                page(response, 400, "Sign-in failed", "The provider answered error=" + code + ".");
            }
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            page(response, 400, "Sign-in failed", "The provider's answer has no authorization code.");
            return;
        }
        SessionTokens tokens;
        try {
            tokens = SessionTokens.of(source().flow().newGrantId(), source().flow().exchange(code, pending),
                    clock.instant(), Optional.empty(), pending.codeVerifier().filter(v -> source().flow().settings().grant().verifierOnRefresh()));
        } catch (TokenRequestRefusedException e) {
            LOG.fine(() -> "client '" + client + "': the code was refused: error=" + e.error());
            page(response, 400, "Sign-in failed", "The provider refused the authorization code (error=" + e.error()
                    + "). Please start again.");
            return;
        }
        // a new session id for the session that now holds the user's tokens (session fixation)
        request.changeSessionId();
        source().store(request.getSession(false), tokens);
        LOG.fine(() -> "client '" + client + "': authorization finished, tokens stored in the session");
        response.setStatus(303);
        response.setHeader("Location", pending.returnPath());
    }

    private Optional<String> returnPath(HttpServletRequest request) {
        String value = request.getParameter("return");
        return value == null ? Optional.of(request.getContextPath() + "/") : ReturnPath.sameOrigin(value);
    }

    private static boolean isCrossSite(HttpServletRequest request) {
        // Fetch Metadata: browsers say where a request comes from; an Origin comparison would break behind proxies
        String site = request.getHeader("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static void page(HttpServletResponse response, int status, String title, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private SessionTokenSource source() {
        SessionTokenSource s = source;
        if (s == null) {
            s = (SessionTokenSource) CDI.current().select(TokenSources.class).get().source(client);
            source = s;
        }
        return s;
    }
}
