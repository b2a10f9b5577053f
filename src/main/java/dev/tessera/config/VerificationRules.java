package dev.tessera.config;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.tessera.jose.JwsAlgorithm;

/**
 * What a token must satisfy besides a trusted issuer's signature.
 *
 * @param algorithms             allowed JWS {@code alg} values (asymmetric only)
 * @param audiences              accepted {@code aud} values; empty means the audience is not checked
 * @param clockSkew              tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenAge            when present, tokens whose {@code iat} is older are refused
 * @param requireAccessTokenType accept only {@code typ: at+jwt} (RFC 9068 §4)
 * @param rolesClaims            claim paths ({@code /}-separated, or one URL-named claim) whose values become groups
 * @param maxTokenLength         longer tokens are refused before any decoding (threat model row 9)
 * @param minRsaKeyBits          the smallest RSA verification key: {@link JwsAlgorithm#MIN_RSA_BITS} (RFC 7518 §3.3),
 *                               lower only by explicit opt-in, never below {@link JwsAlgorithm#LOWEST_RSA_BITS}
 */
public record VerificationRules(Set<JwsAlgorithm> algorithms, Set<String> audiences, Duration clockSkew,
        Optional<Duration> maxTokenAge, boolean requireAccessTokenType, List<String> rolesClaims, int maxTokenLength,
        int minRsaKeyBits) {

    /** Rules with the RFC 7518 §3.3 minimum of 2048-bit RSA keys. */
    public VerificationRules(Set<JwsAlgorithm> algorithms, Set<String> audiences, Duration clockSkew,
            Optional<Duration> maxTokenAge, boolean requireAccessTokenType, List<String> rolesClaims, int maxTokenLength) {
        this(algorithms, audiences, clockSkew, maxTokenAge, requireAccessTokenType, rolesClaims, maxTokenLength,
                JwsAlgorithm.MIN_RSA_BITS);
    }

    /** Every algorithm Tessera verifies: the asymmetric ones of RFC 7518 and RFC 8037, never {@code none} or HS*. */
    public static final Set<JwsAlgorithm> ALL_ALGORITHMS = Set.copyOf(EnumSet.allOf(JwsAlgorithm.class));

    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;
    public static final int MIN_MAX_TOKEN_LENGTH = 256;

    public VerificationRules {
        algorithms = Set.copyOf(algorithms);
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxTokenAge, "maxTokenAge");
        rolesClaims = List.copyOf(rolesClaims);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm is required");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must not be negative");
        }
        if (rolesClaims.isEmpty()) {
            throw new IllegalArgumentException("at least one roles claim is required");
        }
        for (String path : rolesClaims) {
            boolean urlNamedClaim = path.contains("://");
            if (path.isBlank() || !urlNamedClaim && (path.startsWith("/") || path.endsWith("/") || path.contains("//"))) {
                throw new IllegalArgumentException("'" + path + "' is not a claim path such as realm_access/roles");
            }
        }
        if (minRsaKeyBits < JwsAlgorithm.LOWEST_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys of fewer than " + JwsAlgorithm.LOWEST_RSA_BITS
                    + " bits are never accepted");
        }
        if (maxTokenLength < MIN_MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the maximum token length must be at least " + MIN_MAX_TOKEN_LENGTH);
        }
    }
}
