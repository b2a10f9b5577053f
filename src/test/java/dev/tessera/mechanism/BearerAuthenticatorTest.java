package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tessera.bearer.ClaimRule;
import dev.tessera.bearer.InvalidTokenException;
import dev.tessera.config.BearerSettings;
import dev.tessera.config.FetchPolicy;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.config.TokenCacheSettings;
import dev.tessera.config.TokenLocation;
import dev.tessera.config.Trust;
import dev.tessera.config.VerificationRules;
import dev.tessera.testing.Patience;
import dev.tessera.testkit.TestIssuer;
import jakarta.servlet.http.HttpServletRequest;

/** The authenticator as the extension builds it, with an application's own claim rule. */
class BearerAuthenticatorTest {

    private final TestIssuer issuer = TestIssuer.start();

    /** What an application might define as a CDI bean: only callers of tenant {@code acme}. */
    private final ClaimRule acmeOnly = (claims, now) -> {
        if (!"acme".equals(claims.json().getString("tenant", null))) {
            throw new InvalidTokenException("tenant is not acme");
        }
    };

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void anApplicationRuleRefusesATokenThatTheBuiltInRulesAccept() {
        BearerAuthenticator authenticator = new BearerAuthenticator(settings(), Clock.systemUTC(), List.of(acmeOnly));
        String otherTenant = issuer.sign(issuer.claims().claim("tenant", "evil").build());
        String acme = issuer.sign(issuer.claims().claim("tenant", "acme").build());

        assertThat(authenticator.authenticate(requestWith(otherTenant)))
                .isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(refused.status()).isEqualTo(401));
        assertThat(authenticator.authenticate(requestWith(acme))).isInstanceOf(Outcome.Authenticated.class);
    }

    @Test
    void withoutTheApplicationRuleTheSameTokenIsAccepted() {
        BearerAuthenticator authenticator = new BearerAuthenticator(settings(), Clock.systemUTC(), List.of());

        assertThat(authenticator.authenticate(requestWith(issuer.sign(issuer.claims().claim("tenant", "evil").build()))))
                .isInstanceOf(Outcome.Authenticated.class);
    }

    @Test
    void onlyLibertyGetsContainerHints() {
        assertThat(ContainerHints.forServer("IBM WebSphere Liberty/25.0.0.3", null)).isNotSameAs(ContainerHints.NONE);
        assertThat(ContainerHints.forServer("GlassFish Server Open Source Edition  7.0.0", null)).isSameAs(ContainerHints.NONE);
        assertThat(ContainerHints.forServer("Payara Server  6.2024.1 #badassfish", null)).isSameAs(ContainerHints.NONE);
        assertThat(ContainerHints.forServer(null, null)).isSameAs(ContainerHints.NONE);
    }

    private BearerSettings settings() {
        return new BearerSettings(Trust.of(List.of(issuer.issuer()), Optional.empty()),
                new VerificationRules(VerificationRules.ALL_ALGORITHMS, Set.of(), Duration.ofSeconds(60),
                        Optional.empty(), false, List.of("groups"), VerificationRules.DEFAULT_MAX_TOKEN_LENGTH),
                TokenLocation.AUTHORIZATION_HEADER, "tessera", Patience.waitingLong(KeyRefreshPolicy.DEFAULT),
                Patience.fetches(FetchPolicy.DEFAULT.maxResponseBytes()), TokenCacheSettings.DEFAULT);
    }

    private static HttpServletRequest requestWith(String token) {
        return (HttpServletRequest) Proxy.newProxyInstance(BearerAuthenticatorTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration(List.of("Bearer " + token));
                    case "getRequestURI" -> "/orders";
                    default -> null;
                });
    }
}
