package dev.tessera.client;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes the HTTP request visible to the user token sources on its thread, and turns an
 * {@link AuthorizationRequiredException} that escapes the application into the start of the authorization: a
 * {@code 302} to the start path (returning to this page) for a {@code GET}, else {@code 401} with the start path in
 * {@code Location}. Registered on every path by {@link AuthorizationInitializer}.
 */
public final class CurrentRequest extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CurrentRequest.class.getName());
    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    /** The HTTP request on this thread, when a request of the application is running on it. */
    static Optional<HttpServletRequest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest outer = CURRENT.get();
        CURRENT.set(request);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<AuthorizationRequiredException> required = find(e);
            if (required.isEmpty() || response.isCommitted()) {
                throw e;
            }
            answer(request, response, required.get());
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The start path for {@code e} that brings the user back to this request's page (or the context root). */
    static String startPath(HttpServletRequest request, AuthorizationRequiredException e) {
        String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return e.startPath(ReturnPath.sameOrigin(here).orElse(request.getContextPath() + "/"));
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, AuthorizationRequiredException e)
            throws IOException {
        String start = startPath(request, e);
        LOG.fine(() -> "client '" + e.clientName() + "': no token for this user; " + request.getMethod() + " answered with the start path");
        response.reset();
        response.setHeader("Cache-Control", "no-store");
        if (request.getMethod().equals("GET")) {
            response.sendRedirect(start);
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("Location", start);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("authorization required: start at " + start + "\n");
        }
    }

    private static Optional<AuthorizationRequiredException> find(Throwable thrown) {
        Optional<AuthorizationRequiredException> required = AuthorizationRequiredException.in(thrown);
        if (required.isEmpty() && thrown instanceof ServletException servlet && servlet.getRootCause() != null) {
            return AuthorizationRequiredException.in(servlet.getRootCause());
        }
        return required;
    }
}
