package dev.tessera.config;

import java.util.List;

/**
 * Settings that cannot work: thrown at deployment with every bad key named in one message.
 * Messages name keys and, for non-secret keys, the offending value; never a secret.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("Tessera configuration is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad key, each starting with the key. */
    public List<String> problems() {
        return problems;
    }
}
