package dev.tessera.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the inbound side needs to accept bearer tokens, read once at deployment by {@link BearerConfig}.
 *
 * @param trust      whose tokens are accepted and where their keys come from
 * @param rules      what a token must satisfy besides its signature
 * @param location   where requests carry the token
 * @param realm      the {@code realm} of RFC 6750 challenges: printable ASCII without quotes or backslashes
 * @param keyRefresh key cache and refresh bounds
 * @param fetch      bounds for metadata and key fetches
 * @param tokenCache the cache of verified tokens
 * @param decryption when present, only encrypted tokens (JWE) are accepted, decrypted with these keys
 */
public record BearerSettings(Trust trust, VerificationRules rules, TokenLocation location, String realm,
        KeyRefreshPolicy keyRefresh, FetchPolicy fetch, TokenCacheSettings tokenCache, Optional<Decryption> decryption) {

    public static final String DEFAULT_REALM = "tessera";

    public BearerSettings {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyRefresh, "keyRefresh");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(tokenCache, "tokenCache");
        Objects.requireNonNull(decryption, "decryption");
        if (trust instanceof Trust.EncryptedClaims && decryption.isEmpty()) {
            throw new IllegalArgumentException("unsigned encrypted tokens need a decryption key");
        }
        // RFC 6750 §3 / RFC 7235 §2.2: the realm is a quoted-string in the challenge
        if (realm == null || realm.isEmpty() || realm.contains("\"") || realm.contains("\\")
                || realm.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("the realm must be printable ASCII without quotes or backslashes");
        }
    }

    /** Settings for signed tokens only (no decryption). */
    public BearerSettings(Trust trust, VerificationRules rules, TokenLocation location, String realm,
            KeyRefreshPolicy keyRefresh, FetchPolicy fetch, TokenCacheSettings tokenCache) {
        this(trust, rules, location, realm, keyRefresh, fetch, tokenCache, Optional.empty());
    }

    /**
     * What is in force, in one line for the deployment log: issuers and where their keys come from, audiences,
     * roles claims and where the token is read. Names no key material.
     */
    public String summary() {
        String issuers = trust instanceof Trust.Issuers list
                ? list.issuers().stream().map(i -> i.issuer() + " (keys " + describe(i.keys()) + ")").toList().toString()
                : trust instanceof Trust.AnyIssuer any ? "any issuer (keys " + describe(any.keys()) + ")"
                : "any issuer (unsigned claims)";
        String audiences = rules.audiences().isEmpty() ? "not checked" : rules.audiences().toString();
        String token = location instanceof TokenLocation.Cookie cookie ? "cookie " + cookie.name() : "Authorization header";
        return "issuers " + issuers + ", audiences " + audiences + ", roles claims " + rules.rolesClaims()
                + ", token in " + token + ", realm " + realm + decryption.map(d -> ", encrypted tokens only (keys from "
                + d.keyLocation() + ", " + d.algorithms().stream().map(a -> a.headerName()).sorted().toList() + ")")
                .orElse("");
    }

    private static String describe(KeyOrigin keys) {
        if (keys instanceof KeyOrigin.KeysUrl url) {
            return "from " + url.uri();
        }
        if (keys instanceof KeyOrigin.Location location) {
            return "from " + location.location();
        }
        return keys instanceof KeyOrigin.Inline ? "inline" : "by discovery";
    }
}
