package dev.tessera.mechanism;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Produces the caller's {@link JsonWebToken} for {@code @Inject JsonWebToken}. Request-scoped, so application-scoped
 * beans get a proxy that always shows the current request's token. An enabled alternative, so it wins over the
 * producer of Liberty's {@code mpJwt} feature when that feature is on.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CallerProducer {

    @Produces
    @RequestScoped
    JsonWebToken caller(HttpServletRequest request) {
        Object outcome = request.getAttribute(BearerAuthenticationMechanism.OUTCOME_ATTRIBUTE);
        return outcome instanceof Outcome.Authenticated authenticated ? authenticated.token() : AnonymousCaller.INSTANCE;
    }
}
