package dev.tessera.it;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server the integration tests of this JVM run on, chosen by the failsafe execution ({@code tessera.it.server}):
 * Open Liberty (the default) or Payara Server 6. The one place where a test asks which server it is: what differs
 * because the container forces it is written here, next to its reason, and in docs/servers.md. The answers Tessera
 * gives are the same on both; only where each server keeps its log, and what each logs, differ.
 */
enum ServerUnderTest {

    /** Open Liberty 26 ({@code wlp.home}, {@code liberty.server.name}): {@code messages.log} and {@code trace.log}. */
    LIBERTY {
        @Override
        Path messagesLog() {
            return libertyLog("messages.log");
        }

        @Override
        Path traceLog() {
            return libertyLog("trace.log");
        }

        /** SRVE8115W: Liberty setting the status of a response the mechanism had already committed. */
        @Override
        List<String> responseWarnings(String log) {
            return log.lines().filter(line -> line.contains("SRVE8115W")).toList();
        }

        @Override
        String httpPort() {
            return System.getProperty("liberty.http.port");
        }

        @Override
        Optional<String> mechanismRelease() {
            return Optional.of("Released [1-9][0-9]* of Liberty's cached mechanisms");
        }

        @Override
        boolean passesDeploymentCause() {
            return true;
        }
    },

    /**
     * Payara Server 6 ({@code payara.home}, {@code payara.domain}): one {@code server.log} for every level, Tessera's
     * FINE lines included (the domain's logging.properties sets {@code dev.tessera.level=FINE}).
     */
    PAYARA {
        @Override
        Path messagesLog() {
            return Path.of(System.getProperty("payara.home"), "glassfish", "domains", System.getProperty("payara.domain"),
                    "logs", "server.log");
        }

        @Override
        Path traceLog() {
            return messagesLog();
        }

        /** Payara has no message of its own for it: any WARNING or SEVERE record (ODL format: {@code [WARNING]}). */
        @Override
        List<String> responseWarnings(String log) {
            return log.lines().filter(line -> line.contains("] [WARNING] [") || line.contains("] [SEVERE] [")).toList();
        }

        @Override
        String httpPort() {
            return System.getProperty("payara.http.port");
        }

        /** Payara (Soteria) keeps no cache of mechanisms that outlives an application: nothing to release. */
        @Override
        Optional<String> mechanismRelease() {
            return Optional.empty();
        }

        /** Its adapter (2.5) reports a failed deployment with an exception of its own carrying the server's message. */
        @Override
        boolean passesDeploymentCause() {
            return false;
        }
    };

    /** The server of this test JVM. */
    static ServerUnderTest current() {
        return "payara".equals(System.getProperty("tessera.it.server")) ? PAYARA : LIBERTY;
    }

    /** The log with the server's messages at INFO and above. */
    abstract Path messagesLog();

    /** The log with Tessera's FINE lines (each refused token, with its reason). */
    abstract Path traceLog();

    /** The HTTP port the server's applications answer on (loopback). */
    abstract String httpPort();

    /** Where an application deployed as {@code name.war} answers: for deployments a test deploys itself. */
    URL applicationUrl(String name) {
        try {
            return URI.create("http://127.0.0.1:" + httpPort() + "/" + name + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of {@code log} (a part of {@link #messagesLog()}) in which the server warns about a response. */
    abstract List<String> responseWarnings(String log);

    /**
     * What Tessera logs (FINE) when an application that accepted a caller stops, as a regular expression: on Liberty,
     * that it removed its mechanism from Liberty's cache ({@code dev.tessera.liberty.LibertyMechanismCache}); empty
     * where no Liberty-specific part runs, and nothing about Liberty may be logged.
     */
    abstract Optional<String> mechanismRelease();

    /**
     * Whether the Arquillian adapter hands a failed deployment's exception (CDI's {@code DeploymentException} or
     * {@code DefinitionException}) to the test among the causes of the one it throws.
     */
    abstract boolean passesDeploymentCause();

    private static Path libertyLog(String name) {
        return Path.of(System.getProperty("wlp.home"), "usr", "servers", System.getProperty("liberty.server.name"), "logs", name);
    }
}
