package dev.tessera.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whose tokens are accepted. Each trusted issuer has its own keys, selected by the token's {@code iss}; keys are
 * never merged across issuers (threat model row 20).
 */
public sealed interface Trust {

    /**
     * MicroProfile JWT's arrangement: configured keys belong to the first issuer (or, without issuers, to any
     * issuer); every further issuer's keys are discovered.
     *
     * @param issuers        the trusted issuers, in configuration order; may be empty when keys are configured
     * @param configuredKeys keys from {@code mp.jwt.verify.publickey[.location]}, if any
     */
    public static Trust of(List<URI> issuers, Optional<KeyOrigin> configuredKeys) {
        if (issuers.isEmpty()) {
            return new AnyIssuer(configuredKeys.orElseThrow(() ->
                    new IllegalArgumentException("an issuer or a public key is required")));
        }
        List<TrustedIssuer> trusted = new ArrayList<>();
        for (URI issuer : issuers) {
            trusted.add(new TrustedIssuer(issuer, trusted.isEmpty() ? configuredKeys.orElse(KeyOrigin.DISCOVERED)
                    : KeyOrigin.DISCOVERED));
        }
        return new Issuers(trusted);
    }

    /** The trusted issuers' exact names; empty when tokens of any issuer are accepted. */
    List<URI> issuerNames();

    /**
     * Tokens of these issuers, each compared exactly with {@code iss}.
     *
     * @param issuers at least one, each listed once
     */
    record Issuers(List<TrustedIssuer> issuers) implements Trust {
        public Issuers {
            issuers = List.copyOf(issuers);
            if (issuers.isEmpty()) {
                throw new IllegalArgumentException("at least one issuer is required");
            }
            Set<URI> seen = new HashSet<>();
            for (TrustedIssuer issuer : issuers) {
                if (!seen.add(issuer.issuer())) {
                    throw new IllegalArgumentException("issuer '" + issuer.issuer() + "' is listed twice");
                }
            }
        }

        @Override
        public List<URI> issuerNames() {
            return issuers.stream().map(TrustedIssuer::issuer).toList();
        }
    }

    /**
     * Tokens of any issuer signed with configured keys: MicroProfile JWT's public key without
     * {@code mp.jwt.verify.issuer}.
     *
     * @param keys configured keys; never discovered, since there is no issuer to discover
     */
    record AnyIssuer(KeyOrigin keys) implements Trust {
        public AnyIssuer {
            Objects.requireNonNull(keys, "keys");
            if (keys instanceof KeyOrigin.Discovered) {
                throw new IllegalArgumentException("keys can only be discovered for a configured issuer");
            }
        }

        @Override
        public List<URI> issuerNames() {
            return List.of();
        }
    }

    /**
     * Tokens of any issuer whose claims are encrypted to the configured decryption key and not signed: MicroProfile
     * JWT 2.1 with {@code mp.jwt.decrypt.key.location} alone. Anyone who has the public encryption key can make such a
     * token, so that key must be kept as secret as a signing key; no issuer is checked (threat model row 42).
     */
    record EncryptedClaims() implements Trust {

        @Override
        public List<URI> issuerNames() {
            return List.of();
        }
    }

    /**
     * One trusted issuer.
     *
     * @param issuer the exact {@code iss} value, an absolute http(s) URL
     * @param keys   where its signing keys come from
     */
    record TrustedIssuer(URI issuer, KeyOrigin keys) {
        public TrustedIssuer {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keys, "keys");
        }
    }
}
