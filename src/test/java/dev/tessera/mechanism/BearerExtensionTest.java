package dev.tessera.mechanism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tessera.testing.CapturedLog;

/** What the extension says at deployment about the inbound side, read through MicroProfile Config. */
class BearerExtensionTest {

    private CapturedLog log;

    @BeforeEach
    void listen() {
        log = CapturedLog.of(BearerExtension.class, Level.INFO);
    }

    @AfterEach
    void stopListening() {
        log.close();
        System.clearProperty("mp.jwt.verify.issuer");
    }

    @Test
    void anApplicationWithoutInboundSettingsIsToldThatBearerAuthenticationIsOff() {
        decideWithAFreshConfig();
        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).contains("bearer authentication is off", "mp.jwt.verify.issuer",
                    "mp.jwt.verify.publickey ", "mp.jwt.verify.publickey.location");
        });
    }

    @Test
    void anApplicationWithAnIssuerIsNotToldSo() {
        System.setProperty("mp.jwt.verify.issuer", "https://issuer.example");
        decideWithAFreshConfig();
        assertThat(log.records()).isEmpty();
    }

    /** Liberty keeps an undeployed module's mechanism proxy and, through it, the extension: it must hold nothing. */
    @Test
    void shutdownLetsGoOfTheAuthenticator() {
        System.setProperty("mp.jwt.verify.issuer", "https://issuer.example");
        BearerExtension extension = new BearerExtension();
        List<Throwable> problems = new ArrayList<>();
        withAFreshConfig(() -> {
            extension.decide(null);
            extension.start(problems::add, List.of());
        });
        assertThat(problems).isEmpty();
        assertThat(extension.authenticator()).isNotNull();

        extension.release(null);

        assertThatThrownBy(extension::authenticator).isInstanceOf(IllegalStateException.class);
    }

    private static void decideWithAFreshConfig() {
        withAFreshConfig(() -> new BearerExtension().decide(null));
    }

    /** MicroProfile Config keeps one configuration per class loader: a new one reads the system properties now. */
    private static void withAFreshConfig(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[0], previous)) {
            thread.setContextClassLoader(loader);
            action.run();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
