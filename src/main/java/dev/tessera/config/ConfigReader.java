package dev.tessera.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.Config;

/**
 * Reads typed values from MicroProfile Config and collects every bad key instead of stopping
 * at the first one; {@link #throwIfProblems()} then reports them all in one error.
 * Values of keys read with {@link #string(String)} are never echoed, so secrets stay out of messages.
 */
public final class ConfigReader {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Config config) {
        this.config = config;
    }

    /** The trimmed value, empty when absent or blank. */
    public Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A comma-separated list, trimmed, blanks dropped. */
    public List<String> list(String key) {
        return string(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "must be true or false, was '" + value.get() + "'");
                yield defaultValue;
            }
        };
    }

    /** An integer within [min, max]. */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                problem(key, "must be between " + min + " and " + max + ", was " + parsed);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(key, "must be an integer, was '" + value.get() + "'");
            return defaultValue;
        }
    }

    /** A whole number of seconds, as MicroProfile JWT keys such as {@code mp.jwt.verify.clock.skew} use. */
    public Optional<Duration> seconds(String key) {
        return string(key).flatMap(v -> {
            try {
                long parsed = Long.parseLong(v);
                if (parsed < 0) {
                    problem(key, "must not be negative, was " + parsed);
                    return Optional.empty();
                }
                return Optional.of(Duration.ofSeconds(parsed));
            } catch (NumberFormatException e) {
                problem(key, "must be a whole number of seconds, was '" + v + "'");
                return Optional.empty();
            }
        });
    }

    /**
     * A duration within [min, max]: ISO-8601 ({@code PT30S}) or short form
     * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}).
     */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Optional<Duration> parsed = parseDuration(value.get());
        if (parsed.isEmpty()) {
            problem(key, "must be a duration such as 30s, 5m or PT30S, was '" + value.get() + "'");
            return defaultValue;
        }
        if (parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
            problem(key, "must be between " + min + " and " + max + ", was " + parsed.get());
            return defaultValue;
        }
        return parsed.get();
    }

    /** An absolute http(s) URL. */
    public Optional<URI> uri(String key) {
        return string(key).flatMap(v -> uri(key, v));
    }

    /** Parses one value of {@code key} as an absolute http(s) URL, recording a problem when it is not. */
    public Optional<URI> uri(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problem(key, "must be an absolute http(s) URL, was '" + value + "'");
        return Optional.empty();
    }

    /** Every property name that starts with the prefix. */
    public Set<String> namesStartingWith(String prefix) {
        Set<String> names = new TreeSet<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(prefix))
                .forEach(names::add);
        return names;
    }

    /**
     * Builds a value whose record refuses bad input in its compact constructor: a refusal
     * ({@link IllegalArgumentException}) becomes a problem naming {@code key}, so that a rule is written once, in the
     * record, and the reader only says which key broke it.
     */
    public <T> Optional<T> build(String key, Supplier<T> record) {
        try {
            return Optional.of(record.get());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records a bad key; the message should say what is expected. */
    public void problem(String key, String message) {
        problems.add(key + ": " + message);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Throws one {@link ConfigurationException} naming every bad key seen so far. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    static Optional<Duration> parseDuration(String text) {
        String value = text.trim();
        Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(value)).filter(d -> !d.isNegative());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
