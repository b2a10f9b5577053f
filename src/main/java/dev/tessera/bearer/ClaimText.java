package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Claim values of a refused token as they may appear in the detail of a FINE refusal: only values that are not
 * secrets ({@code iss}, {@code aud}), quoted, control characters replaced (no forged log lines) and cut short.
 */
final class ClaimText {

    private static final int MAX_CHARS = 100;

    private ClaimText() {
    }

    static InvalidTokenException untrustedIssuer(Optional<String> iss, Collection<String> trusted) {
        return new InvalidTokenException(Refusal.ISSUER, iss.isEmpty() ? "iss is missing" : "iss is not a trusted issuer",
                "iss " + iss.map(ClaimText::quoted).orElse("absent") + ", trusted issuers " + trusted);
    }

    static String quoted(Collection<String> values) {
        return values.stream().map(ClaimText::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    static String quoted(String value) {
        StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 5).append('"');
        for (int i = 0; i < value.length() && i < MAX_CHARS; i++) {
            char c = value.charAt(i);
            text.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.append(value.length() > MAX_CHARS ? "...\"" : "\"").toString();
    }
}
