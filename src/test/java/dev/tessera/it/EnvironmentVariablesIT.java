package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.environment.EnvironmentResource;
import dev.tessera.testkit.TestIssuer;

/**
 * A client secret given as the README advises, as an environment variable of the server
 * ({@code TESSERA_CLIENT_FROM_ENV_CLIENT_SECRET} in server-config/server.env): Open Liberty lists it a second time as
 * {@code tessera.client.from.env.client.secret}, which must not be taken for an unknown key, and the secret must
 * reach the token request through MicroProfile Config's mapping of {@code tessera.client.from-env.client-secret}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnvironmentVariablesIT {

    /** The value of TESSERA_CLIENT_FROM_ENV_CLIENT_SECRET in server-config/server.env. */
    static final String SECRET_IN_SERVER_ENV = "env-s3cret";
    static final TestIssuer ISSUER = TestIssuer.start();

    static {
        ISSUER.registerClient("env-app", SECRET_IN_SERVER_ENV);
    }

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("environment", Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "tessera.client.from-env.token-endpoint", ISSUER.tokenEndpoint().toString(),
                "tessera.client.from-env.client-id", "env-app"))
                .addPackage(EnvironmentResource.class.getPackage());
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void aSecretFromAnEnvironmentVariableDeploysAndObtainsAToken() {
        HttpResponse<String> response = Http.get(base, "api/environment");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("token");
        assertThat(ISSUER.requestCount("token")).isEqualTo(1);
    }
}
