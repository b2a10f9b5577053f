package dev.tessera.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a client authenticates at the token endpoint (RFC 6749 §2.3, RFC 7523 §2.2), named as in
 * {@code token_endpoint_auth_method} of RFC 7591 §2, plus the JSON body some providers expect.
 */
public enum ClientAuthMethod {
    /** HTTP Basic with the form-url-encoded id and secret (RFC 6749 §2.3.1); the default. */
    CLIENT_SECRET_BASIC(true),
    /** {@code client_id} and {@code client_secret} as form fields (RFC 6749 §2.3.1). */
    CLIENT_SECRET_POST(true),
    /** A JSON body with {@code client_id}, {@code client_secret}, {@code audience}, {@code grant_type}. */
    CLIENT_SECRET_JSON(true),
    /** A JWT signed with the client's private key (RFC 7523 §2.2, RFC 7521 §4.2). */
    PRIVATE_KEY_JWT(false),
    /** No client authentication: a public client sends only {@code client_id} (RFC 6749 §2.1, §4.1.3); authorization code only. */
    NONE(false);

    private final boolean usesSecret;

    ClientAuthMethod(boolean usesSecret) {
        this.usesSecret = usesSecret;
    }

    /** Whether this method sends a client secret. */
    public boolean usesSecret() {
        return usesSecret;
    }

    /** The configuration spelling, such as {@code client_secret_basic}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method spelled {@code name} (case-insensitive), if there is one. */
    public static Optional<ClientAuthMethod> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equalsIgnoreCase(name)).findFirst();
    }
}
