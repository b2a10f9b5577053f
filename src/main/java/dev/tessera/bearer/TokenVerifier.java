package dev.tessera.bearer;

import dev.tessera.config.BearerSettings;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies bearer JWTs (RFC 7519, JWS compact serialization): signature first, claims second, so the claims
 * of an unverified token are never used for a decision. Everything costly (JSON reader factory, algorithm
 * allow-list, claim rules, group paths) is built once here; a call decodes each part once, parses each JSON
 * part once and verifies one signature (at most two without {@code kid}). Thread-safe.
 */
public final class TokenVerifier {

    private final TrustedIssuers issuers;
    private final Clock clock;
    private final int maxTokenLength;
    private final StrictJsonReader json;
    private final HeaderPolicy headerPolicy;
    private final SignatureVerifier signatures;
    private final ClaimPolicy claimPolicy;
    private final GroupMapping groupMapping;

    /**
     * @param settings the inbound settings (algorithms, audiences, skew, token age, typing, roles claims, length cap)
     * @param issuers  the trusted issuers, each with its own keys
     * @param clock    the source of "now" for {@code exp}, {@code nbf} and {@code iat}
     * @throws IllegalStateException when this JVM cannot verify an allowed algorithm, or the JSON-P provider
     *                               cannot refuse duplicate member names
     */
    public TokenVerifier(BearerSettings settings, TrustedIssuers issuers, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTokenLength = settings.rules().maxTokenLength();
        this.json = new StrictJsonReader(JsonProvider.provider());
        this.headerPolicy = new HeaderPolicy(settings.rules().algorithms(), settings.rules().requireAccessTokenType());
        this.signatures = new SignatureVerifier();
        this.claimPolicy = ClaimPolicy.from(settings);
        this.groupMapping = new GroupMapping(settings.rules().rolesClaims());
    }

    /**
     * Verifies a compact JWS and returns the caller it names.
     *
     * @param compactToken the token as received, without the {@code Bearer } prefix
     * @throws InvalidTokenException    the token is bad (HTTP 401); the message is a short reason without token data
     * @throws KeysUnavailableException the issuer's keys cannot be obtained right now (HTTP 503)
     */
    public VerifiedToken verify(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        CompactJws jws = CompactJws.parse(compactToken, maxTokenLength);
        JwsHeader header = headerPolicy.check(json.readObject(jws.header()));
        // Untrusted until the signature verifies; read now only to pick the issuer's keys (SECURITY.md row 20).
        JsonObject claims = json.readObject(jws.payload());
        KeySource keys = keysOfIssuer(claims.get("iss"));
        SigningKey key = signatures.verify(jws, header, keys);
        claimPolicy.check(claims, clock.instant());
        return new VerifiedToken(compactToken, claims, groupMapping.groupsOf(claims), key, keys);
    }

    /**
     * Checks again what can change for a token that verified earlier: the time-dependent claims ({@code exp},
     * {@code nbf}, {@code iat}, token age) against the clock, and that its signing key has not been rotated out.
     * For a cache of verified tokens, on every hit.
     *
     * @throws InvalidTokenException when the token must no longer be accepted
     */
    public void checkStillValid(VerifiedToken token) throws InvalidTokenException {
        claimPolicy.checkTime(token.claims(), clock.instant());
        if (!token.keySource().isCurrent(token.signingKey())) {
            throw new InvalidTokenException("the token's signing key is no longer published by its issuer");
        }
    }

    private KeySource keysOfIssuer(JsonValue iss) throws InvalidTokenException {
        String issuer = null;
        if (iss instanceof JsonString string) {
            issuer = string.getString();
        } else if (iss != null) {
            throw new InvalidTokenException("iss is not a string");
        } else if (issuers.checksIssuer()) {
            throw new InvalidTokenException("iss is missing");
        }
        return issuers.keysFor(issuer).orElseThrow(() -> new InvalidTokenException("iss is not a trusted issuer"));
    }

    @Override
    public String toString() {
        return "TokenVerifier[" + issuers + "]";
    }
}
