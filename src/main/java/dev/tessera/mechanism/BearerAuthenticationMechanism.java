package dev.tessera.mechanism;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.tessera.bearer.VerifiedToken;
import jakarta.annotation.PreDestroy;
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
 * An accepted caller goes to the container with its {@link ContainerHints}: on Liberty, so that Liberty neither signs
 * an LTPA token for it nor repeats its JAAS login for a repeated token; when the application stops, the hints make
 * Liberty let go of this mechanism. Which container it is, is decided once, on the first request, from {@code ServletContext.getServerInfo()}: CDI gives an {@code HttpAuthenticationMechanism} in an
 * EAR's {@code lib/} no servlet context of its own to ask earlier.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String OUTCOME_ATTRIBUTE = BearerAuthenticationMechanism.class.getName() + ".outcome";

    /** Asked for the authenticator on each request, so that nothing here outlives the application's stop. */
    private final BearerExtension extension;
    /** {@code null} until the first request; then the same for every request (a race only computes it twice). */
    private volatile ContainerHints containerHints;

    @Inject
    BearerAuthenticationMechanism(BearerExtension extension) {
        this.extension = extension;
    }

    /** For CDI's client proxy only. */
    protected BearerAuthenticationMechanism() {
        this.extension = null;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        BearerAuthenticator authenticator = extension.authenticator();
        ContainerHints hints = containerHints(request, context);
        Outcome outcome = (Outcome) request.getAttribute(OUTCOME_ATTRIBUTE);
        if (outcome == null) {
            outcome = authenticator.authenticate(request);
            request.setAttribute(OUTCOME_ATTRIBUTE, outcome);
        }
        if (outcome instanceof Outcome.Authenticated authenticated) {
            VerifiedToken token = authenticated.token();
            hints.addTo(context.getClientSubject(), authenticated.verification());
            return context.notifyContainerAboutLogin(token, token.getGroups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (outcome instanceof Outcome.Refused refused) {
            response.setHeader("WWW-Authenticate", refused.challenge());
            return refused.status() == 401 ? context.responseUnauthorized() : send(response, refused.status());
        }
        if (outcome instanceof Outcome.Unavailable unavailable) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
            return send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        response.setHeader("WWW-Authenticate", Challenge.missingToken(authenticator.realm()));
        return context.responseUnauthorized();
    }

    private ContainerHints containerHints(HttpServletRequest request, HttpMessageContext context) {
        ContainerHints hints = containerHints;
        if (hints == null) {
            hints = ContainerHints.forServer(request.getServletContext().getServerInfo(), context.getClass().getClassLoader());
            containerHints = hints;
        }
        return hints;
    }

    /**
     * When the application stops: the container lets go of this mechanism. Liberty would otherwise keep the whole
     * stopped application in memory through its cache of mechanisms (see {@code LibertyMechanismCache}).
     */
    @PreDestroy
    void release() {
        ContainerHints hints = containerHints;
        if (hints != null) {
            hints.release(BearerAuthenticationMechanism.class);
        }
    }

    /**
     * Sends a final status other than 401: committed with {@code sendError}, then SEND_CONTINUE makes Liberty
     * return the response as it is (an uncommitted one would become its own 401). 401s go through
     * {@code responseUnauthorized()} instead: with SEND_CONTINUE Liberty would answer a Basic challenge of its own,
     * or, once committed, log the warning SRVE8115W for every refusal.
     */
    /**
     * Commits this status: an uncommitted one would become Liberty's own 401 with a Basic challenge. Liberty then logs
     * SRVE8115W setting the status again after {@code SEND_CONTINUE}; a refusal on a resource that is protected only
     * by JAX-RS is answered earlier, without it, by {@link RefusalFilter}.
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
