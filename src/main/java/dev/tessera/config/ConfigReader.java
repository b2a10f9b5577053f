package dev.tessera.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Every property name that starts with the prefix, except the second name under which Open Liberty lists an
     * environment variable: {@code TESSERA_BEARER_REALM} also appears as {@code tessera.bearer.realm}, and
     * {@code TESSERA_CLIENT_A_CLIENT_SECRET} as {@code tessera.client.a.client.secret}, which is no key of anyone.
     */
    public Set<String> namesStartingWith(String prefix) {
        Set<String> names = new TreeSet<>();
        Set<String> environmentAliases = new HashSet<>();
        for (String name : propertyNames()) {
            if (isEnvironmentName(name)) {
                environmentAliases.add(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            }
        }
        for (String name : propertyNames()) {
            if (name.startsWith(prefix) && !environmentAliases.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The environment variables that MicroProfile Config would map to keys starting with the prefix
     * ({@code TESSERA_BEARER_*} for {@code tessera.bearer.}), as listed.
     */
    public Set<String> environmentNamesStartingWith(String prefix) {
        String environmentPrefix = environmentForm(prefix);
        Set<String> names = new TreeSet<>();
        for (String name : propertyNames()) {
            if (isEnvironmentName(name) && name.startsWith(environmentPrefix)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The environment-variable form of a key (MicroProfile Config 3.1 §3.3.1): non-alphanumerics to {@code _}, upper case. */
    public static String environmentForm(String key) {
        StringBuilder form = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            form.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return form.toString();
    }

    /** The known key nearest to a misspelt one (at most three edits away), for "did you mean" messages. */
    public static Optional<String> closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : new TreeSet<>(known)) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }

    private static boolean isEnvironmentName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
    }

    /** Levenshtein distance; names are short. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
