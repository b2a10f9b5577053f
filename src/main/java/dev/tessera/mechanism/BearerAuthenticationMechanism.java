package dev.tessera.mechanism;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Jakarta Security mechanism for bearer tokens (RFC 6750). Present only when the application configures
 * the inbound side (see {@link BearerExtension}). Every request is authenticated on its own; no session.
 *
 * <p>Liberty may call this twice per request (unprotected, then protected); the first outcome is kept in a
 * request attribute so the token is verified once. An invalid token on an unprotected resource leaves the
 * request anonymous: Liberty ignores failures there, and the resource decides what an anonymous caller gets.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String OUTCOME_ATTRIBUTE = BearerAuthenticationMechanism.class.getName() + ".outcome";

    private final BearerAuthenticator authenticator;

    @Inject
    BearerAuthenticationMechanism(BearerExtension extension) {
        this.authenticator = extension.authenticator();
    }

    /** For CDI's client proxy only. */
    protected BearerAuthenticationMechanism() {
        this.authenticator = null;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Outcome outcome = (Outcome) request.getAttribute(OUTCOME_ATTRIBUTE);
        if (outcome == null) {
            outcome = authenticator.authenticate(request);
            request.setAttribute(OUTCOME_ATTRIBUTE, outcome);
        }
        if (outcome instanceof Outcome.Authenticated authenticated) {
            return context.notifyContainerAboutLogin(authenticated.token(), authenticated.token().getGroups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (outcome instanceof Outcome.Refused refused) {
            response.setHeader("WWW-Authenticate", refused.challenge());
            return send(response, refused.status());
        }
        if (outcome instanceof Outcome.Unavailable unavailable) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
            return send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        response.setHeader("WWW-Authenticate", Challenge.missingToken(authenticator.realm()));
        return send(response, HttpServletResponse.SC_UNAUTHORIZED);
    }

    /**
     * Sends the final answer. SEND_CONTINUE makes the container return the response as it is; SEND_FAILURE
     * (what {@code responseUnauthorized()} returns) would make Liberty log CWWKS1652A at INFO for every refusal.
     */
    private static AuthenticationStatus send(HttpServletResponse response, int status) {
        try {
            response.sendError(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
