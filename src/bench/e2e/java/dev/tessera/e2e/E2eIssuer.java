package dev.tessera.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The issuer of the end-to-end benchmark (src/bench/e2e.sh): a fresh RSA key pair per run, its public JWKS, and
 * RS256 access tokens that both benchmarked applications accept. Plain JDK, so the script runs it with
 * {@code java -cp target/e2e-classes}.
 *
 * <p>Writes into the directory given:
 * <ul>
 * <li>{@code jwks.json}: the public key;</li>
 * <li>{@code tokens.txt}: {@code count} distinct tokens, one per line, every line the same length (the wrk script
 * reads slices of the file by offset), callers {@code user-000000}, {@code user-000001}, ...;</li>
 * <li>{@code bad-token.txt}: a token of the same shape signed by another key, which both must refuse.</li>
 * </ul>
 * Usage: {@code E2eIssuer <directory> <count>}
 */
public final class E2eIssuer {

    static final String ISSUER = "https://issuer.bench.example/realms/bench";
    static final String AUDIENCE = "orders-api";
    static final String KEY_ID = "bench-rs256";
    static final Duration LIFETIME = Duration.ofHours(4);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final Instant issuedAt;

    E2eIssuer(KeyPair keys, Instant issuedAt) {
        this.keys = keys;
        this.issuedAt = issuedAt;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: E2eIssuer <directory> <count>");
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        long start = System.nanoTime();

        E2eIssuer issuer = new E2eIssuer(rsaKeyPair(), Instant.now());
        Files.writeString(directory.resolve("jwks.json"), issuer.jwks());
        List<String> tokens = issuer.tokens(count);
        Files.write(directory.resolve("tokens.txt"), tokens);
        E2eIssuer impostor = new E2eIssuer(rsaKeyPair(), issuer.issuedAt);
        Files.writeString(directory.resolve("bad-token.txt"), impostor.token(0) + "\n");

        System.out.printf("E2eIssuer: %d RS256 tokens of %d characters (claims %d bytes), valid for %s, in %d s%n",
                count, tokens.get(0).length(), issuer.claims(0).length(), LIFETIME,
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    /** {@code count} distinct tokens of one length, signed on all cores. */
    List<String> tokens(int count) {
        List<String> tokens = IntStream.range(0, count).parallel().mapToObj(this::token).toList();
        if (tokens.stream().mapToInt(String::length).distinct().count() != 1) {
            throw new IllegalStateException("tokens differ in length");
        }
        return tokens;
    }

    /** The token of caller number {@code n}. */
    String token(int n) {
        String signingInput = base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}") + "."
                + base64url(claims(n));
        return signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
    }

    /**
     * About 800 bytes of claims, shaped like a Keycloak access token. Every field has a fixed width, so every
     * token has the same length; {@code groups} holds the role the endpoint requires.
     */
    String claims(int n) {
        String user = String.format("user-%06d", n);
        long iat = issuedAt.getEpochSecond();
        return "{\"exp\":" + (iat + LIFETIME.toSeconds()) + ",\"iat\":" + iat + ",\"auth_time\":" + iat
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"iss\":\"" + ISSUER + "\",\"aud\":[\"" + AUDIENCE + "\",\"account\"]"
                + ",\"sub\":\"" + UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)) + "\",\"typ\":\"Bearer\""
                + ",\"azp\":\"bench-client\",\"sid\":\"" + UUID.randomUUID() + "\",\"acr\":\"1\""
                + ",\"allowed-origins\":[\"https://app.bench.example\"]"
                + ",\"realm_access\":{\"roles\":[\"offline_access\",\"uma_authorization\",\"default-roles-bench\"]}"
                + ",\"resource_access\":{\"account\":{\"roles\":[\"manage-account\",\"manage-account-links\",\"view-profile\"]}}"
                + ",\"scope\":\"openid profile email orders.read\",\"email_verified\":true"
                + ",\"name\":\"Bench " + user + "\",\"preferred_username\":\"" + user + "\",\"given_name\":\"Bench\""
                + ",\"family_name\":\"" + user + "\",\"email\":\"" + user + "@bench.example\",\"upn\":\"" + user + "\""
                + ",\"groups\":[\"reader\",\"orders.read\",\"offline_access\"]}";
    }

    /** The public key as a JWKS (RFC 7517 §5). */
    String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}]}\n";
    }

    private byte[] sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7518 §6.3.1: unsigned big-endian, no leading zero octet. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return BASE64URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
