package dev.tessera.config;

import java.util.regex.Pattern;

/** The syntax of client names and bearer tokens, kept off {@link ClientSettings}' public surface. */
final class ClientPatterns {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    // RFC 6750 §2.1 b64token: anything else could not travel in an Authorization header
    static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private ClientPatterns() {
    }
}
