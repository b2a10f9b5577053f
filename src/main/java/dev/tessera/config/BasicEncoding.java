package dev.tessera.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How {@code client_secret_basic} turns the client id and secret into the Basic credentials. */
public enum BasicEncoding {
    /** RFC 6749 §2.3.1: each form-url-encoded before base64; the default. */
    FORM,
    /** base64 of the raw {@code id:secret}, as many providers expect (RFC 7617 §2). */
    RAW;

    /** The configuration spelling: {@code form} or {@code raw}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The encoding spelled {@code name} (case-insensitive), if there is one. */
    public static Optional<BasicEncoding> parse(String name) {
        return Arrays.stream(values()).filter(e -> e.configName().equalsIgnoreCase(name)).findFirst();
    }
}
