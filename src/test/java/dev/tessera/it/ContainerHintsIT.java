package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.TestIssuer;

/**
 * Tessera's Liberty-only parts ({@code dev.tessera.liberty}, chosen by {@code ContainerHints.forServer}) run on Liberty
 * and nowhere else: an application that accepted a caller and is then undeployed makes Liberty let go of its mechanism
 * on Liberty, and on any other server logs nothing about Liberty and no reflective failure.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerHintsIT {

    static final String APPLICATION = "hints";
    static final TestIssuer ISSUER = TestIssuer.start();
    /** How long the first fetch of the issuer's keys may take on a busy machine. */
    static final Duration KEYS_DEADLINE = Duration.ofSeconds(60);

    /** Not managed: the test undeploys it itself, to see what the mechanism does when its application stops. */
    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of("mp.jwt.verify.issuer", ISSUER.issuer().toString()));
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void libertyHintsRunOnlyOnLiberty() throws InterruptedException {
        long mark = ServerLog.trace().mark();
        deployer.deploy(APPLICATION);
        try {
            URL base = ServerUnderTest.current().applicationUrl(APPLICATION);
            String token = ISSUER.token("alice", "orders-reader");
            // the first requests may get 503 while the keys are fetched (at most jwks.max-wait): a deadline, not a count
            Instant giveUp = Instant.now().plus(KEYS_DEADLINE);
            int status = Http.get(base, "api/orders", token).statusCode();
            while (status == 503 && Instant.now().isBefore(giveUp)) {
                Thread.sleep(250);
                status = Http.get(base, "api/orders", token).statusCode();
            }
            assertThat(status).isEqualTo(200);
        } finally {
            deployer.undeploy(APPLICATION);
        }
        String log = ServerLog.trace().since(mark);
        assertThat(log).doesNotContain("ReflectiveOperationException", "NoSuchFieldException", "ClassNotFoundException",
                "InaccessibleObjectException", "is not what Tessera knows");
        ServerUnderTest.current().mechanismRelease().ifPresentOrElse(
                release -> assertThat(log).containsPattern(release),
                () -> assertThat(log).doesNotContain("Liberty", "dev.tessera.liberty"));
    }
}
