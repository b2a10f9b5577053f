package dev.tessera.bearer;

import dev.tessera.config.BearerSettings;
import dev.tessera.config.FetchPolicy;
import dev.tessera.config.Decryption;
import dev.tessera.config.KeyRefreshPolicy;
import dev.tessera.jose.KeyManagementAlgorithm;
import dev.tessera.config.TokenCacheSettings;
import dev.tessera.config.KeyOrigin;
import dev.tessera.config.TokenLocation;
import dev.tessera.config.Trust;
import dev.tessera.config.VerificationRules;
import dev.tessera.jose.JwsAlgorithm;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.TrustedIssuers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared constants and builders: one issuer, one audience, a fixed clock. */
final class Fixture {

    static final String ISSUER = "https://idp.example/realms/a";
    static final String OTHER_ISSUER = "https://idp.example/realms/b";
    static final String AUDIENCE = "orders-api";
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final long NOW_SECONDS = NOW.getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixture() {
    }

    static Settings settings() {
        return new Settings();
    }

    /** A verifier trusting {@link #ISSUER} with the given keys. */
    static TokenVerifier verifier(Settings settings, KeySource keys) {
        return new TokenVerifier(settings.build(), new TrustedIssuers(Map.of(ISSUER, keys), null), CLOCK);
    }

    /** A typical access token claims set: iss, sub, aud, exp in 5 minutes, iat a minute ago. */
    static ClaimsJson claims() {
        return new ClaimsJson()
                .with("iss", ISSUER)
                .with("sub", "alice")
                .with("aud", AUDIENCE)
                .with("exp", NOW_SECONDS + 300)
                .with("iat", NOW_SECONDS - 60);
    }

    static String rsaHeader(String kid) {
        return "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    }

    /** Mutable builder for the settings records; defaults accept every asymmetric algorithm. */
    static final class Settings {
        private List<URI> issuers = List.of(URI.create(ISSUER));
        private Set<String> audiences = Set.of(AUDIENCE);
        private Set<JwsAlgorithm> algorithms = VerificationRules.ALL_ALGORITHMS;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Optional<Duration> maxTokenAge = Optional.empty();
        private boolean requireAccessTokenType;
        private List<String> rolesClaims = List.of("groups");
        private int maxTokenLength = VerificationRules.DEFAULT_MAX_TOKEN_LENGTH;
        private Optional<String> publicKey = Optional.empty();
        private Optional<Decryption> decryption = Optional.empty();
        private boolean encryptedClaims;
        private int minRsaKeyBits = JwsAlgorithm.MIN_RSA_BITS;

        Settings issuers(String... values) {
            issuers = List.of(values).stream().map(URI::create).toList();
            return this;
        }

        Settings audiences(String... values) {
            audiences = Set.of(values);
            return this;
        }

        Settings algorithms(String... values) {
            algorithms = Stream.of(values).map(JwsAlgorithm::valueOf).collect(Collectors.toSet());
            return this;
        }

        Settings clockSkew(Duration value) {
            clockSkew = value;
            return this;
        }

        Settings maxTokenAge(Duration value) {
            maxTokenAge = Optional.of(value);
            return this;
        }

        Settings requireAccessTokenType() {
            requireAccessTokenType = true;
            return this;
        }

        Settings rolesClaims(String... values) {
            rolesClaims = List.of(values);
            return this;
        }

        /** Keys configured inline ({@code mp.jwt.verify.publickey}), e.g. without any issuer. */
        Settings publicKey(String value) {
            publicKey = Optional.of(value);
            return this;
        }

        /** Only encrypted tokens, decrypted with keys at this (unused by the verifier) location and these algorithms. */
        Settings decryption(KeyManagementAlgorithm... algorithms) {
            decryption = Optional.of(new Decryption("classpath:unused.pem", Set.of(algorithms)));
            return this;
        }

        /** MicroProfile JWT's decryption key alone: encrypted claims, no signature, no issuer. */
        Settings encryptedClaimsOnly() {
            encryptedClaims = true;
            return this;
        }

        /** {@code tessera.bearer.rsa.min-key-bits}. */
        Settings minRsaKeyBits(int value) {
            minRsaKeyBits = value;
            return this;
        }

        Settings maxTokenLength(int value) {
            maxTokenLength = value;
            return this;
        }

        BearerSettings build() {
            return new BearerSettings(encryptedClaims ? new Trust.EncryptedClaims()
                    : Trust.of(issuers, publicKey.map(KeyOrigin.Inline::new)),
                    new VerificationRules(algorithms, audiences, clockSkew, maxTokenAge, requireAccessTokenType,
                            rolesClaims, maxTokenLength, minRsaKeyBits),
                    TokenLocation.AUTHORIZATION_HEADER, "tessera", KeyRefreshPolicy.DEFAULT, FetchPolicy.DEFAULT,
                    TokenCacheSettings.DEFAULT, decryption);
        }
    }

    /** A claims set written as raw JSON text, so tests can put any JSON (or non-JSON) in any member. */
    static final class ClaimsJson {
        private final Map<String, String> members = new LinkedHashMap<>();

        ClaimsJson with(String name, String value) {
            return raw(name, quote(value));
        }

        ClaimsJson with(String name, long value) {
            return raw(name, Long.toString(value));
        }

        ClaimsJson with(String name, List<String> values) {
            return raw(name, values.stream().map(ClaimsJson::quote).collect(Collectors.joining(",", "[", "]")));
        }

        /** A member whose value is the given JSON text, verbatim. */
        ClaimsJson raw(String name, String json) {
            members.put(name, json);
            return this;
        }

        ClaimsJson without(String name) {
            members.remove(name);
            return this;
        }

        String json() {
            return members.entrySet().stream()
                    .map(member -> quote(member.getKey()) + ":" + member.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }

        @Override
        public String toString() {
            return json();
        }

        private static String quote(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
