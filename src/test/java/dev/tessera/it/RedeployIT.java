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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.it.outbound.OutboundResource;
import dev.tessera.testkit.TestIssuer;

/**
 * Deploying and undeploying an application that uses Tessera, many times in one Liberty, leaks nothing: neither
 * Tessera's threads nor the class loaders of the undeployed applications. Counted in Liberty's JVM with {@code jcmd}
 * after a full GC; a small constant is allowed (what the JVM or Liberty keeps once), a growth per redeploy is not.
 *
 * <p>What used to hold each undeployed application (measured 2026-12-04, 20 redeploys: class loaders 1 -> 21, JDK
 * HttpClient selector threads 2 -> 10, found with a heap dump): Liberty's cache of authentication mechanisms, whose
 * value reaches its weak key (see {@code dev.tessera.liberty.LibertyMechanismCache}). Once that entry goes, the rest
 * goes too: a JDK HttpClient's selector thread ends a few seconds after its client becomes unreachable, and only then
 * lets go of the connections that still reach Tessera's classes. So the count after the redeploys is taken until it
 * settles, within a bound far above the seconds that takes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

    static final String APPLICATION = "redeployed";
    static final int REDEPLOYS = 20;
    /** What may stay once, whatever the number of redeploys (a thread pool, a loader still being collected). */
    static final int CONSTANT_ALLOWANCE = 2;
    /** How long the count may take to settle after the last undeploy (selector threads end within seconds). */
    static final java.time.Duration SETTLE_BOUND = java.time.Duration.ofSeconds(90);

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
        Footprint after = liberty.settledFootprint(before, CONSTANT_ALLOWANCE, SETTLE_BOUND);
        System.out.printf("RedeployIT: before %s; after %d redeploys %s%n", before, REDEPLOYS, after);

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
     * With Jakarta Concurrency in the server (the IT server has {@code concurrent-3.0}, as every Jakarta EE 10 web
     * profile server does), key refresh and token requests run on the server's managed executor: while the
     * application is in use, no thread of Tessera's own exists in the server.
     */
    @Test
    void backgroundWorkRunsOnTheServersManagedExecutor() {
        LibertyJvm liberty = LibertyJvm.of(System.getProperty("liberty.server.name"));
        deployer.deploy(APPLICATION);
        try {
            HttpResponse<String> response = Http.get(applicationUrl(), "api/outbound/jaxrs"); // a token, then its keys
            assertThat(response.statusCode()).isEqualTo(200);

            assertThat(liberty.threadNames()).noneMatch(name -> name.startsWith("tessera-"));
        } finally {
            deployer.undeploy(APPLICATION);
        }
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

        boolean within(Footprint before, int allowance) {
            return tesseraThreads <= before.tesseraThreads + allowance && tesseraLoaders <= before.tesseraLoaders + allowance;
        }
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

        /**
         * The footprint once it is within {@code allowance} of {@code before}, or the last one taken when it is not
         * within {@code bound}: a count every two seconds, each after a full GC.
         */
        Footprint settledFootprint(Footprint before, int allowance, java.time.Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            Footprint now = footprintAfterGc();
            while (!now.within(before, allowance) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                now = footprintAfterGc();
            }
            return now;
        }

        /** The names of the JVM's threads now. */
        java.util.List<String> threadNames() {
            return jcmd("Thread.print").lines().filter(l -> l.startsWith("\""))
                    .map(l -> l.substring(1, l.indexOf('"', 1))).toList();
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
