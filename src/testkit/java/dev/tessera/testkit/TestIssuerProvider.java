package dev.tessera.testkit;

import java.lang.annotation.Annotation;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/** {@code @ArquillianResource TestIssuer issuer}: the test class's issuer, in {@code @RunAsClient} tests. */
public final class TestIssuerProvider implements ResourceProvider {

    @Override
    public boolean canProvide(Class<?> type) {
        return type == TestIssuer.class;
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        return Testkit.issuer();
    }
}
