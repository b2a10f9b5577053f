package dev.tessera.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.config.Config;

import dev.tessera.config.ClientConfig;
import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigurationException;
import dev.tessera.config.ConfigReader;
import dev.tessera.testing.Patience;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds client configurations and token sources for tests. */
final class Clients {

    private Clients() {
    }

    /** A MicroProfile Config holding exactly these key/value pairs (no environment, no system properties). */
    static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    /** Properties of client {@code name}: pairs of relative key and value. */
    static Map<String, String> client(String name, String... keyValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("tessera.client." + name + "." + keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    static ClientSettings settings(String name, String... keyValues) {
        ConfigReader reader = new ConfigReader(config(client(name, keyValues)));
        ClientSettings settings = ClientConfig.read(reader, name).orElse(null);
        reader.throwIfProblems();
        return settings;
    }

    /** Every problem with the named clients, as the deployment reports them. */
    static List<String> problems(Config config, Set<String> names) {
        try {
            registry(config, names, Runnable::run, pause -> { });
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }

    /** A registry whose jitter is zero, so that pauses and hold-offs are the nominal ones. */
    static TokenSourceRegistry registry(Config config, Set<String> names, Executor executor, Sleeper sleeper) {
        return TokenSourceRegistry.of(config, names, Clock.systemUTC(), sleeper, () -> 0, executor);
    }

    /**
     * Timeouts no load reaches, so that a token request meant to succeed cannot time out on a busy machine; a test of
     * a timeout sets its own, which replace these.
     */
    private static final List<String> PATIENT = List.of("http.connect-timeout", Patience.GENEROUS.toSeconds() + "s",
            "http.read-timeout", Patience.GENEROUS.toSeconds() + "s", "token-timeout", Patience.WAIT.toSeconds() + "s");

    /** A token source whose requests run on the calling thread and whose retries do not sleep. */
    static TokenSource source(Clock clock, List<Duration> pauses, String name, String... keyValues) {
        return source(clock, pauses, Runnable::run, name, keyValues);
    }

    /** A token source whose requests run on the executor, with {@link #PATIENT} timeouts unless given others. */
    static TokenSource source(Clock clock, List<Duration> pauses, Executor executor, String name, String... keyValues) {
        List<Duration> sink = pauses == null ? new ArrayList<>() : pauses;
        Sleeper recording = pause -> {
            synchronized (sink) {
                sink.add(pause);
            }
        };
        List<String> withTimeouts = new ArrayList<>(PATIENT);
        withTimeouts.addAll(List.of(keyValues));
        Map<String, String> properties = client(name, withTimeouts.toArray(String[]::new)); // later values win
        return TokenSourceRegistry.of(config(properties), Set.of(name), clock, recording, () -> 0, executor).source(name);
    }
}
