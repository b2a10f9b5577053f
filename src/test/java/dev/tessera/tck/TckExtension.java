package dev.tessera.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link TckDeployment}, which prepares the MicroProfile JWT TCK's deployments for the runtime under test. */
public final class TckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, TckDeployment.class);
    }
}
