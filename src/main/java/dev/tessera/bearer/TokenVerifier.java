package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import dev.tessera.config.BearerSettings;
import dev.tessera.config.Trust;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import dev.tessera.issuer.TrustedIssuers;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer JWTs (RFC 7519, JWS compact serialization; with a decryption key configured, JWE compact
 * serialization holding a signed JWT or, without verification keys, the claims): signature first, claims second, so the claims
 * of an unverified token are never used for a decision. Everything costly (JSON reader factory, algorithm
 * allow-list, claim rules, group paths) is built once here; a call decodes each part once, parses each JSON
 * part once, reads the claims into a {@link TokenClaims} once and verifies one signature (at most two without
 * {@code kid}). Of the claims, only those that verification reads become JSON values while parsing; the others
 * when the application first asks for them. Thread-safe.
 */
public final class TokenVerifier {

    /** The claims that TokenClaims, the built-in rules and the typed JsonWebToken methods read. */
    private static final List<String> CLAIMS_READ = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "upn",
            "preferred_username", "typ", "at_hash", "c_hash", "events");

    private final TrustedIssuers issuers;
    private final List<String> configuredIssuers;
    private final Clock clock;
    private final int maxTokenLength;
    private final StrictJsonReader json;
    private final HeaderPolicy headerPolicy;
    private final SignatureVerifier signatures;
    private final ClaimRules claimRules;
    private final GroupMapping groupMapping;
    private final Set<String> claimsReadNow;
    /** Present when only encrypted tokens are accepted. */
    private final TokenDecrypter decrypter;
    /** With a decrypter: whether the encrypted content must be a signed JWT (else it is the claims). */
    private final boolean signedInside;

    /**
     * A verifier with the built-in claim rules only.
     *
     * @param settings the inbound settings (algorithms, audiences, skew, token age, typing, roles claims, length cap)
     * @param issuers  the trusted issuers, each with its own keys
     * @param clock    the source of "now" for {@code exp}, {@code nbf} and {@code iat}
     * @throws IllegalStateException when this JVM cannot verify an allowed algorithm, or the JSON-P provider
     *                               cannot refuse duplicate member names
     */
    public TokenVerifier(BearerSettings settings, TrustedIssuers issuers, Clock clock) {
        this(settings, issuers, clock, List.of());
    }

    /**
     * A verifier that also applies the application's claim rules, after the built-in ones.
     *
     * @param applicationRules the application's own rules, run in this order on every newly verified token
     */
    public TokenVerifier(BearerSettings settings, TrustedIssuers issuers, Clock clock, List<ClaimRule> applicationRules) {
        Objects.requireNonNull(settings, "settings");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.configuredIssuers = settings.trust().issuerNames().stream().map(URI::toString).toList();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTokenLength = settings.rules().maxTokenLength();
        this.json = new StrictJsonReader(JsonProvider.provider());
        this.headerPolicy = new HeaderPolicy(settings.rules().algorithms(), settings.rules().requireAccessTokenType());
        this.signatures = new SignatureVerifier(settings.rules().minRsaKeyBits());
        this.claimRules = ClaimRules.from(settings, applicationRules);
        this.groupMapping = new GroupMapping(settings.rules().rolesClaims());
        this.claimsReadNow = claimsReadNow(groupMapping);
        this.decrypter = settings.decryption()
                .map(decryption -> new TokenDecrypter(decryption.algorithms(), issuers.decryptionKeys(), json))
                .orElse(null);
        this.signedInside = !(settings.trust() instanceof Trust.EncryptedClaims);
    }

    /** The claims made JSON values while parsing: those that verification and the typed JsonWebToken methods read. */
    static Set<String> claimsReadNow(GroupMapping groupMapping) {
        Set<String> names = new HashSet<>(CLAIMS_READ);
        names.addAll(groupMapping.topLevelClaims());
        return Collections.unmodifiableSet(names); // contains(null) is false, not an exception
    }

    /**
     * Verifies a compact JWS (or, with decryption configured, decrypts a compact JWE and verifies its content) and
     * returns the caller it names.
     *
     * @param compactToken the token as received, without the {@code Bearer } prefix
     * @throws InvalidTokenException    the token is bad (HTTP 401); the message is a short reason without token data
     * @throws KeysUnavailableException the issuer's keys cannot be obtained right now (HTTP 503)
     */
    public VerifiedToken verify(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        return accept(compactToken).token();
    }

    /** Like {@link #verify}, with what a cache needs to check the token again later. */
    Accepted accept(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        if (decrypter == null) {
            return acceptSigned(compactToken, CompactJws.parse(compactToken, maxTokenLength));
        }
        TokenDecrypter.Decrypted content = decrypter.decrypt(CompactJwe.parse(compactToken, maxTokenLength));
        if (signedInside) {
            // RFC 7519 §5.2 and Appendix A.2: signed, then encrypted; the inner JWS is verified as any token
            if (!content.isNestedJwt()) {
                throw new InvalidTokenException(Refusal.DECRYPTION, "encrypted token does not hold a signed JWT (cty JWT)");
            }
            String inner = new String(content.plaintext(), StandardCharsets.ISO_8859_1);
            return acceptSigned(compactToken, CompactJws.parse(inner, maxTokenLength));
        }
        if (content.contentType().isPresent()) {
            throw new InvalidTokenException(Refusal.DECRYPTION, "encrypted token must hold claims, not content of type cty");
        }
        // the JWE header is this token's only header: its typ follows the rules of a signed token's (threat model row 19)
        headerPolicy.checkType(content.type());
        TokenClaims claims = TokenClaims.read(json.readObject(content.plaintext()));
        claimRules.check(claims, clock.instant());
        return new Accepted(new VerifiedToken(compactToken, claims, groupMapping.groupsOf(claims)), claims, null, null);
    }

    private Accepted acceptSigned(String compactToken, CompactJws jws) throws InvalidTokenException, KeysUnavailableException {
        JwsHeader header = headerPolicy.check(json.readObject(jws.header()));
        // Untrusted until the signature verifies; read now only to pick the issuer's keys (threat model row 20).
        JsonObject payload = json.readClaims(jws.payload(), claimsReadNow);
        KeySource keys = keysOfIssuer(payload.get("iss"));
        SigningKey key = signatures.verify(jws, header, keys);
        TokenClaims claims = TokenClaims.read(payload);
        claimRules.check(claims, clock.instant());
        VerifiedToken token = new VerifiedToken(compactToken, claims, groupMapping.groupsOf(claims));
        return new Accepted(token, claims, key, keys);
    }

    /**
     * Checks again what can change for a token that verified earlier: the time-dependent claims ({@code exp},
     * {@code nbf}, {@code iat}, token age) against the clock, and that its signing key has not been rotated out.
     * For a cache of verified tokens, on every hit.
     *
     * @throws InvalidTokenException when the token must no longer be accepted
     */
    void checkStillValid(Accepted accepted) throws InvalidTokenException {
        claimRules.checkTime(accepted.claims(), clock.instant());
        if (accepted.signingKey() != null && !accepted.keySource().isCurrent(accepted.signingKey())) {
            throw new InvalidTokenException(Refusal.UNKNOWN_KEY, "the token's signing key is no longer published by its issuer");
        }
    }

    private KeySource keysOfIssuer(JsonValue iss) throws InvalidTokenException {
        String issuer = null;
        if (iss instanceof JsonString string) {
            issuer = string.getString();
        } else if (iss != null) {
            throw new InvalidTokenException(Refusal.MALFORMED, "iss is not a string");
        } else if (issuers.checksIssuer()) {
            throw ClaimText.untrustedIssuer(Optional.empty(), configuredIssuers);
        }
        Optional<KeySource> keys = issuers.keysFor(issuer);
        if (keys.isEmpty()) {
            throw ClaimText.untrustedIssuer(Optional.ofNullable(issuer), configuredIssuers);
        }
        return keys.get();
    }

    /**
     * A token this verifier accepted, with what checking it again needs: the principal the application sees holds
     * none of the rest.
     *
     * @param token      the principal
     * @param claims     its claims as read once
     * @param signingKey the key that verified the signature; {@code null} for encrypted, unsigned claims
     * @param keySource  the key source of the token's issuer, to ask whether {@code signingKey} is still current;
     *                   {@code null} with {@code signingKey}
     */
    record Accepted(VerifiedToken token, TokenClaims claims, SigningKey signingKey, KeySource keySource) {
    }

    @Override
    public String toString() {
        return "TokenVerifier[" + issuers + "]";
    }
}
