package dev.tessera.testkit;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestEnricher;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * The kit's Arquillian extension, loaded by Arquillian from the kit jar (META-INF/services): each test class gets a
 * {@link TestIssuer} (started on first use, stopped after the class), its deployments trust it unless they say whom
 * they trust ({@link TrustTestIssuer}), and its {@code @RunAsClient} tests get the issuer with
 * {@code @ArquillianResource TestIssuer} and tokens with {@link TestToken}.
 */
public final class TestkitArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(TestIssuerLifecycle.class)
                .service(ApplicationArchiveProcessor.class, TrustTestIssuer.class)
                .service(ResourceProvider.class, TestIssuerProvider.class)
                .service(TestEnricher.class, TestTokenEnricher.class);
    }
}
