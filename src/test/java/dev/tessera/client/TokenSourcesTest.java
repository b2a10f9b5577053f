package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Set;

import jakarta.enterprise.inject.spi.InjectionPoint;

import org.junit.jupiter.api.Test;

/** The producer resolves the client named by the injection point's qualifier, one shared source per name. */
class TokenSourcesTest {

    private final TokenSources sources = new TokenSources(Clients.registry(
            Clients.config(Clients.client("kaunt", "token", "fixed-abc")), Set.of("kaunt"), Runnable::run, pause -> { }));

    @Test
    void theProducerServesTheClientNamedOnTheInjectionPoint() {
        TokenSource produced = sources.produceSource(injectionPoint(ClientCredentials.Literal.of("kaunt")));

        assertThat(produced).isSameAs(sources.source("kaunt"));
        assertThat(sources.produceToken(injectionPoint(ClientCredentials.Literal.of("kaunt"))).value()).isEqualTo("fixed-abc");
    }

    @Test
    void theQualifierLiteralEqualsTheAnnotation() throws Exception {
        @ClientCredentials("kaunt")
        final class Annotated {
        }
        assertThat(ClientCredentials.Literal.of("kaunt")).isEqualTo(Annotated.class.getAnnotation(ClientCredentials.class));
        assertThat(ClientCredentials.Literal.of("kaunt").value()).isEqualTo("kaunt");
    }

    private static InjectionPoint injectionPoint(Annotation qualifier) {
        return (InjectionPoint) Proxy.newProxyInstance(TokenSourcesTest.class.getClassLoader(),
                new Class<?>[] {InjectionPoint.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getQualifiers" -> Set.of(qualifier);
                    case "toString" -> "InjectionPoint";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
