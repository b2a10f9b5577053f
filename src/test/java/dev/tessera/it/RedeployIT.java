package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.outbound.OutboundResource;
import dev.tessera.testing.TestIssuer;

/**
 * Deploying and undeploying an application that uses Tessera, many times in one Liberty, leaks nothing: neither
 * Tessera's threads nor the class loaders of the undeployed applications. Counted in Liberty's JVM with {@code jcmd}
 * after a full GC; a small constant is allowed (what the JVM or Liberty keeps once), a growth per redeploy is not.
 *
 * <p>OPEN DEFECT, so disabled: the key refresh threads now end with the application (the authenticator closes its
 * issuers at BeforeShutdown, the client registry its pool and HTTP clients), but the class loaders of undeployed
 * applications still stay, and some JDK HttpClient selector threads with them. Measured 2026-12-04 (20 redeploys,
 * `mvn verify`): before the fix threads 5 -> 16 and loaders 1 -> 21; after it threads 2 -> 8 (four pairs of
 * "HttpClient-N-SelectorManager", no "tessera-key-refresh") and loaders 8 -> 28. What holds the loaders is not found
 * yet (Liberty is known to keep each undeployed module's mechanism proxy). Enable this test with the fix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Disabled("open defect: undeployed applications' class loaders stay (see the class comment)")
class RedeployIT {

    static final String APPLICATION = "redeployed";
    static final int REDEPLOYS = 20;
    /** What may stay once, whatever the number of redeploys (a thread pool, a loader still being collected). */
    static final int CONSTANT_ALLOWANCE = 2;

    static final String SECRET = "redeploy-secret";
    static final TestIssuer ISSUER = TestIssuer.start();

    static {
        ISSUER.registerClient("partner-app", SECRET);
    }

    /** Not managed: the test deploys and undeploys it itself, with {@link #deployer}. */
    @Deployment(name = APPLICATION, managed = false)
    static WebArchive deployment() {
        return Deployments.war(APPLICATION, Map.of(
                "mp.jwt.verify.issuer", ISSUER.issuer().toString(),
                "tessera.bearer.roles-claim", "scope",
                "tessera.client.partner.issuer", ISSUER.issuer().toString(),
                "tessera.client.partner.client-id", "partner-app",
                "tessera.client.partner.client-secret", SECRET,
                "tessera.client.partner.scope", "orders-reader"))
                .addPackage(OutboundResource.class.getPackage());
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void redeployingLeavesNeitherThreadsNorClassLoadersBehind() {
        LibertyJvm liberty = LibertyJvm.of(System.getProperty("liberty.server.name"));
        deployUseAndUndeploy(); // the first deployment loads what Liberty keeps for good
        Footprint before = liberty.footprintAfterGc();

        for (int round = 0; round < REDEPLOYS; round++) {
            deployUseAndUndeploy();
        }
        Footprint after = liberty.footprintAfterGc();

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(after.tesseraThreads())
                    .as("Tessera's threads (tessera-*, HttpClient-*) after %d redeploys: %s; before: %s", REDEPLOYS, after, before)
                    .isLessThanOrEqualTo(before.tesseraThreads() + CONSTANT_ALLOWANCE);
            softly.assertThat(after.tesseraLoaders())
                    .as("class loaders holding Tessera's BearerExtension after %d redeploys: %s; before: %s", REDEPLOYS, after, before)
                    .isLessThanOrEqualTo(before.tesseraLoaders() + CONSTANT_ALLOWANCE);
        });
    }

    /**
     * One life of the application: one request through the outbound client (a client-credentials token) to a resource
     * of the same application that the inbound side protects (discovery, keys, verification).
     */
    private void deployUseAndUndeploy() {
        deployer.deploy(APPLICATION);
        try {
            HttpResponse<String> response = Http.get(applicationUrl(), "api/outbound/jaxrs");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("partner saw partner-app");
        } finally {
            deployer.undeploy(APPLICATION);
        }
    }

    private static URL applicationUrl() {
        try {
            return URI.create("http://127.0.0.1:" + System.getProperty("liberty.http.port") + "/" + APPLICATION + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Tessera holds in the server's JVM at one moment. */
    record Footprint(long tesseraThreads, long tesseraLoaders, String threadNames) {
    }

    /** Liberty's JVM, seen through {@code jcmd} of the JDK that runs the tests (the same user, the same machine). */
    record LibertyJvm(long pid) {

        static LibertyJvm of(String serverName) {
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().filter(c -> c.contains(System.getProperty("wlp.home"))
                            && c.contains("ws-server.jar") && c.endsWith(" " + serverName)).isPresent())
                    .findFirst().map(p -> new LibertyJvm(p.pid()))
                    .orElseThrow(() -> new IllegalStateException("no running Liberty server " + serverName));
        }

        Footprint footprintAfterGc() {
            jcmd("GC.run");
            jcmd("GC.run"); // a second collection, for what the first one only finalized
            String threads = jcmd("Thread.print");
            String classes = jcmd("VM.class_hierarchy");
            StringBuilder names = new StringBuilder();
            long tesseraThreads = threads.lines().filter(l -> l.startsWith("\"tessera-") || l.startsWith("\"HttpClient-"))
                    .peek(l -> names.append(l, 0, l.indexOf('"', 1) + 1).append(' ')).count();
            // one line per loaded copy of the class, that is per class loader that still holds the Tessera jar
            long tesseraLoaders = classes.lines().filter(l -> l.contains("dev.tessera.mechanism.BearerExtension/")).count();
            return new Footprint(tesseraThreads, tesseraLoaders, names.toString().trim());
        }

        private String jcmd(String command) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("jcmd " + command + " failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
