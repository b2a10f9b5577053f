package dev.tessera.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import dev.tessera.config.ConfigurationException;

/**
 * The CDI producer behind {@code @Inject @ClientCredentials("name") TokenSource}, {@code ... AccessToken} and
 * {@code @Inject @UserTokens("name") UserTokenSource}: it only looks the client up in the registry that {@link ClientCredentialsExtension} built at deployment validation.
 */
@ApplicationScoped
public class TokenSources {

    private final TokenSourceRegistry registry;

    /** For the CDI client proxy only. */
    protected TokenSources() {
        this.registry = null;
    }

    @Inject
    TokenSources(ClientCredentialsExtension extension) {
        this(extension.registry());
    }

    TokenSources(TokenSourceRegistry registry) {
        this.registry = registry;
    }

    /**
     * The token source of client {@code name}.
     *
     * @throws ConfigurationException when the client is not configured or its configuration is unusable
     */
    public TokenSource source(String name) {
        return registry.source(name);
    }

    /** Produces the token source named by the injection point's {@link ClientCredentials} qualifier. */
    @Produces
    @Dependent
    @ClientCredentials("")
    TokenSource produceSource(InjectionPoint injectionPoint) {
        return source(nameOf(injectionPoint));
    }

    /** Produces a token valid at injection time for the client named by the injection point. */
    @Produces
    @Dependent
    @ClientCredentials("")
    AccessToken produceToken(InjectionPoint injectionPoint) {
        return source(nameOf(injectionPoint)).token();
    }

    /** Produces the current user's token source of the client named by the injection point's {@link UserTokens}. */
    @Produces
    @Dependent
    @UserTokens("")
    UserTokenSource produceUserSource(InjectionPoint injectionPoint) {
        return userSource(injectionPoint);
    }

    /** The same as a plain {@link TokenSource}, for code (and filters) written against client credentials. */
    @Produces
    @Dependent
    @UserTokens("")
    TokenSource produceUserSourceAsTokenSource(InjectionPoint injectionPoint) {
        return userSource(injectionPoint);
    }

    private UserTokenSource userSource(InjectionPoint injectionPoint) {
        String name = injectionPoint.getQualifiers().stream()
                .filter(UserTokens.class::isInstance)
                .map(q -> ((UserTokens) q).value())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no @UserTokens on " + injectionPoint));
        // the extension checked at deployment that the name is an authorization code client
        return (UserTokenSource) source(name);
    }

    private static String nameOf(InjectionPoint injectionPoint) {
        return injectionPoint.getQualifiers().stream()
                .filter(ClientCredentials.class::isInstance)
                .map(q -> ((ClientCredentials) q).value())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no @ClientCredentials on " + injectionPoint));
    }
}
