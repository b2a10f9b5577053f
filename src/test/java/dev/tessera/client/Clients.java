package dev.tessera.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.config.Config;

import dev.tessera.config.ClientSettings;
import dev.tessera.config.ConfigReader;
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
            properties.put(ClientSettings.PREFIX + name + "." + keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    static ClientSettings settings(String name, String... keyValues) {
        ConfigReader reader = new ConfigReader(config(client(name, keyValues)));
        ClientSettings settings = ClientSettings.read(reader, name).orElse(null);
        reader.throwIfProblems();
        return settings;
    }

    /** A token source whose requests run on the calling thread and whose retries do not sleep. */
    static TokenSource source(Clock clock, List<Duration> pauses, String name, String... keyValues) {
        return source(clock, pauses, Runnable::run, name, keyValues);
    }

    static TokenSource source(Clock clock, List<Duration> pauses, Executor executor, String name, String... keyValues) {
        List<Duration> sink = pauses == null ? new ArrayList<>() : pauses;
        return TokenSources.create(settings(name, keyValues), clock, executor, pause -> {
            synchronized (sink) {
                sink.add(pause);
            }
        });
    }
}
