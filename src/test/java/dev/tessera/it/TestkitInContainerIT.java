package dev.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.inject.Inject;

/**
 * An in-container test of a deployment the test kit configured: inside the server, the application's MicroProfile
 * Config names the test issuer, and the server reaches it over loopback. (The test runs in Liberty's JVM, where the
 * kit's objects do not exist; it uses none of them, and JUnit's assertions, which Arquillian deploys with it.)
 */
@ExtendWith(ArquillianExtension.class)
class TestkitInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("testkit-incontainer", Map.of("tessera.bearer.realm", "testkit"));
    }

    @Inject
    Config config;

    @Test
    void theServerTrustsTheTestIssuerAndReachesItOverLoopback() throws Exception {
        String issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        assertTrue(issuer.startsWith("http://127.0.0.1:"), issuer);
        HttpURLConnection discovery = (HttpURLConnection) URI.create(issuer + "/.well-known/openid-configuration").toURL()
                .openConnection();
        discovery.setConnectTimeout(10_000);
        discovery.setReadTimeout(10_000);
        try {
            assertEquals(200, discovery.getResponseCode());
        } finally {
            discovery.disconnect();
        }
    }
}
