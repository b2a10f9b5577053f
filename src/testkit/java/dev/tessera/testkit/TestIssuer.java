package dev.tessera.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real OAuth 2.0 / OpenID Connect issuer for tests: discovery (OIDC and RFC 8414), a JWKS and a
 * client-credentials token endpoint on 127.0.0.1, with switches for rotation, slowness, failures, outages and
 * request counting. Keys are generated at run time: an RSA key (RS256, always published) and a P-256 key (ES256,
 * published from the first ES256 token on, or from the start when the kit's extensions manage the issuer).
 * Tokens come from {@link #token()}. Close it at the end of the test class.
 */
public final class TestIssuer implements AutoCloseable {

    /** A request seen by the token endpoint, recorded raw. Header names are lower case. */
    public record RecordedRequest(String method, Map<String, List<String>> headers, String body) {

        public RecordedRequest {
            headers = Map.copyOf(headers);
        }

        /** The first value of the header, case-insensitive. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private record ScriptedResponse(int status, String contentType, String body) {
    }

    private record CustomBody(String contentType, byte[] body) {
    }

    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    // DER prefixes of an Ed25519 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo (RFC 8410), followed by the 32 key bytes.
    private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private volatile HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private boolean closed;
    private final String issuerPath;
    private final URI issuer;

    private volatile RSAKey signingKey = newRsaKey();
    private final ECKey ecSigningKey = newEcKey();
    private volatile boolean ecKeyPublished;
    private final List<JWK> extraKeys = new CopyOnWriteArrayList<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile Duration delay = Duration.ZERO;
    private volatile int failStatus;
    private volatile Map<String, String> failHeaders = Map.of();
    private volatile boolean basicFormEncoded = true;
    private volatile boolean openIdConfiguration = true;
    private volatile boolean oauthAuthorizationServer;
    private final Map<String, Object> metadataOverrides = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String jwksCacheControl;
    private volatile CustomBody jwksBody;
    private volatile String metadataBody;
    private volatile Duration jwksStreamingPause;
    private volatile CountDownLatch jwksHang;
    private volatile CountDownLatch hang;
    private volatile CountDownLatch jwksStreamHang;
    private final AtomicInteger jwksInFlight = new AtomicInteger();
    private final AtomicInteger jwksMaxInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, JWK> clientKeys = new ConcurrentHashMap<>();
    private volatile Duration tokenLifetime = Duration.ofSeconds(300);
    private final Queue<ScriptedResponse> scripted = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();

    private TestIssuer(int port, String issuerPath) throws IOException {
        if (!issuerPath.isEmpty() && (!issuerPath.startsWith("/") || issuerPath.endsWith("/"))) {
            throw new IllegalArgumentException("issuerPath must be empty or start (and not end) with '/'");
        }
        this.issuerPath = issuerPath;
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "test-issuer");
            thread.setDaemon(true);
            return thread;
        });
        this.server = listen(port);
        this.port = server.getAddress().getPort();
        this.issuer = URI.create("http://127.0.0.1:" + this.port + issuerPath);
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        started.setExecutor(executor);
        started.createContext("/", this::handle);
        started.start();
        return started;
    }

    /** Starts on 127.0.0.1, a free port, issuer path {@code /issuer}. */
    public static TestIssuer start() {
        return start(0);
    }

    /** Starts on a fixed port (0 = any free one), issuer path {@code /issuer}. */
    public static TestIssuer start(int port) {
        return start(port, "/issuer");
    }

    /** Starts on a fixed port with the given issuer path ("" or "/a/b"). */
    public static TestIssuer start(int port, String issuerPath) {
        try {
            return new TestIssuer(port, issuerPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test issuer on port " + port, e);
        }
    }

    /** A loopback port that is free right now (nothing listens on it until someone binds it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuer identifier, exactly as in the tokens' {@code iss} and in the metadata's {@code issuer}. */
    public URI issuer() {
        return issuer;
    }

    /** Where the keys are published ({@code jwks_uri}). */
    public URI jwksUri() {
        return URI.create(issuer + "/jwks");
    }

    /** The client-credentials token endpoint ({@code token_endpoint}). */
    public URI tokenEndpoint() {
        return URI.create(issuer + "/token");
    }

    /** The OpenID Connect discovery location (OIDC Discovery §4). */
    public URI openIdConfigurationUri() {
        return URI.create(issuer + "/.well-known/openid-configuration");
    }

    /** The RFC 8414 §3.1 metadata location: the well-known segment inserted before the issuer path. */
    public URI oauthAuthorizationServerUri() {
        return URI.create("http://127.0.0.1:" + port() + "/.well-known/oauth-authorization-server" + issuerPath);
    }

    /** The loopback port; it stays the same across {@link #down()} and {@link #up()}. */
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        closed = true;
        recover(); // lets a hanging JWKS request end
        HttpServer running = server;
        server = null;
        if (running != null) {
            running.stop(0);
        }
        executor.shutdownNow();
    }

    /**
     * The issuer goes away: its port refuses connections until {@link #up()}. Keys, clients and switches are kept.
     * Harmless when already down.
     */
    public synchronized void down() {
        HttpServer running = server;
        server = null;
        if (running != null) {
            running.stop(0);
        }
    }

    /** The issuer listens again on the same port, with the same keys. Harmless when already up. */
    public synchronized void up() {
        if (closed) {
            throw new IllegalStateException("this issuer is closed");
        }
        if (server != null) {
            return;
        }
        try {
            server = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on port " + port, e);
        }
    }

    /** Whether the issuer is listening (not {@link #down()}). */
    public boolean isUp() {
        return server != null;
    }

    // ---- keys

    /** The current signing key, private part included. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** The P-256 key of ES256 tokens, private part included. */
    public ECKey ecSigningKey() {
        return ecSigningKey;
    }

    /** A new RSA key becomes the signing key; the old one leaves the JWKS. */
    public void rotateKeys() {
        signingKey = newRsaKey();
    }

    /** Publish the P-256 key from now on (otherwise it is published by the first ES256 token). */
    public void publishEcKey() {
        ecKeyPublished = true;
    }

    /** Also publish these keys (public parts only; oct keys whole) in the JWKS, after the signing key. */
    public void publish(JWK... keys) {
        extraKeys.addAll(Arrays.asList(keys));
    }

    /** Stops publishing the keys added with {@link #publish(JWK...)}. */
    public void unpublishExtraKeys() {
        extraKeys.clear();
    }

    /** What the JWKS endpoint serves now (public parts). */
    public JWKSet publishedKeys() {
        List<JWK> keys = new ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        if (ecKeyPublished) {
            keys.add(ecSigningKey.toPublicJWK());
        }
        for (JWK key : extraKeys) {
            // a symmetric (oct) key has no public part: it is published as-is, which is exactly the attack
            JWK published = key.toPublicJWK();
            keys.add(published != null ? published : key);
        }
        return new JWKSet(keys);
    }

    /** A fresh Ed25519 key pair with this kid, generated with the JDK (Nimbus needs Tink for that). */
    public static OctetKeyPair ed25519Key(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JCA public key of an Ed25519 JWK (Nimbus cannot export it without Tink). */
    public static PublicKey ed25519PublicKey(OctetKeyPair key) {
        try {
            byte[] der = concat(ED25519_SPKI_PREFIX, key.getDecodedX());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tokens

    /** Use this clock for iat/exp of tokens built by {@link #claims()} and issued by the token endpoint. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    /** iss = issuer(), sub "alice", iat now, exp now + 5 min, random jti. */
    public JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject("alice")
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs with the current key: RS256, header kid and typ {@code at+jwt}. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = signingKey;
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt"))
                .build();
        return sign(header, claims, key);
    }

    /**
     * Signs with any header and any private JWK: RSA (also weak ones), EC, Ed25519 or, for attack tests,
     * an {@code oct} HMAC key. The header's {@code alg} must suit the key.
     */
    public String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signerFor(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this key and header: " + e.getMessage(), e);
        }
    }

    /**
     * A token of this issuer, built fluently: {@code issuer.token().subject("bob").groups("reader").sign()}. It starts
     * as {@link #claims()} does, RS256 with the current key's {@code kid} and {@code typ: at+jwt}.
     */
    public TokenBuilder token() {
        return new TokenBuilder(this, claims());
    }

    /** claims() with this subject and a {@code groups} claim, signed with the current key. */
    public String token(String subject, String... groups) {
        return token().subject(subject).groups(groups).sign();
    }

    /** An issuer as the kit's extensions run it: on a free loopback port, its RSA and P-256 keys published. */
    static TestIssuer startManaged() {
        TestIssuer started = start();
        started.publishEcKey();
        return started;
    }

    /** The token a {@link TestToken} annotation asks for. */
    String token(TestToken wanted) {
        TokenBuilder token = token().subject(wanted.subject());
        if (wanted.groups().length > 0) {
            token.groups(wanted.groups());
        }
        if (wanted.audience().length > 0) {
            token.audience(wanted.audience());
        }
        if (wanted.scope().length > 0) {
            token.scope(wanted.scope());
        }
        return (wanted.es256() ? token.es256() : token).sign();
    }

    /** Signs with the P-256 key: ES256, header kid and typ {@code at+jwt}; publishes the key from now on. */
    String signEs256(JWSHeader header, JWTClaimsSet claims) {
        publishEcKey();
        return sign(header, claims, ecSigningKey);
    }

    // ---- switches

    /** Every response waits this long first (ZERO = off). */
    public void delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    /** Every endpoint answers this status with a small text body. */
    public void failWith(int status) {
        failWith(status, Map.of());
    }

    /** Every endpoint answers this status with a small text body and these headers (e.g. {@code Retry-After}). */
    public void failWith(int status, Map<String, String> headers) {
        this.failHeaders = Map.copyOf(headers);
        this.failStatus = status;
    }

    /**
     * Whether the token endpoint form-decodes the Basic user-id and password (RFC 6749 §2.3.1, the default) or
     * takes them raw, as many providers do.
     */
    public void basicCredentialsFormEncoded(boolean formEncoded) {
        this.basicFormEncoded = formEncoded;
    }

    /** The JWKS endpoint accepts each request and never answers it, until {@link #recover()} or {@link #close()}. */
    public void hangJwks() {
        jwksHang = new CountDownLatch(1);
    }

    /**
     * Every endpoint accepts each request and answers nothing until {@link #recover()} or {@link #close()}: for tests
     * of deadlines, which then hold however slow the machine is, and of work that must not wait for an answer.
     */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    /** The most JWKS requests this issuer was answering at the same time since the last {@link #resetCounts()}. */
    public int maxConcurrentJwksRequests() {
        return jwksMaxInFlight.get();
    }

    /** Back to normal behaviour: no failure status, no delay, normal JWKS body, nothing hanging (held answers go out). */
    public void recover() {
        release(jwksHang);
        jwksHang = null;
        release(hang);
        hang = null;
        release(jwksStreamHang);
        jwksStreamHang = null;
        failStatus = 0;
        failHeaders = Map.of();
        delay = Duration.ZERO;
        jwksBody = null;
        jwksStreamingPause = null;
        metadataBody = null;
    }

    /** Which well-known metadata documents exist (default: OIDC only). */
    public void discovery(boolean openIdConfiguration, boolean oauthAuthorizationServer) {
        this.openIdConfiguration = openIdConfiguration;
        this.oauthAuthorizationServer = oauthAuthorizationServer;
    }

    /** The {@code issuer} value the metadata documents claim (default {@code issuer().toString()}). */
    public void metadataIssuer(String issuerValue) {
        metadataMember("issuer", issuerValue);
    }

    /** Sets or replaces one member of the metadata documents (e.g. {@code jwks_uri}); null removes it. */
    public void metadataMember(String name, Object value) {
        metadataOverrides.put(name, value == null ? NullMember.INSTANCE : value);
    }

    /** Serve this exact body (application/json) for every enabled metadata document (null = normal). */
    public void metadataBody(String body) {
        this.metadataBody = body;
    }

    /**
     * Send /jwks bodies chunked (no Content-Length) in 1 KiB pieces with this pause before each piece
     * (null = normal), to test size caps on streamed bodies and deadlines on trickling ones.
     */
    public void jwksStreaming(Duration pauseBetweenChunks) {
        this.jwksStreamingPause = pauseBetweenChunks;
    }

    /**
     * Send the /jwks headers and the first 1 KiB of the body at once, then nothing more until {@link #recover()} or
     * {@link #close()}: a body that never completes although the response has begun.
     */
    public void jwksStreamingThenHang() {
        jwksStreamHang = new CountDownLatch(1);
        jwksStreamingPause = Duration.ZERO;
    }

    /** Cache-Control on /jwks (null = none). */
    public void jwksCacheControl(String headerValue) {
        this.jwksCacheControl = headerValue;
    }

    /** Serve this exact body on /jwks (null = normal). */
    public void jwksBody(String contentType, byte[] body) {
        this.jwksBody = body == null ? null : new CustomBody(contentType, body.clone());
    }

    /** Serve this key set on /jwks instead of the issuer's own keys (public parts only), until {@link #recover()}. */
    public void serveKeys(JWKSet keys) {
        jwksBody("application/json", keys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Requests seen: "openid-configuration", "oauth-authorization-server", "jwks", "token". */
    public int requestCount(String endpoint) {
        AtomicInteger count = counts.get(endpoint);
        return count == null ? 0 : count.get();
    }

    public void resetCounts() {
        counts.clear();
        jwksMaxInFlight.set(0);
    }

    // ---- token endpoint

    /** A confidential client for client_secret_basic, client_secret_post and JSON bodies. */
    public void registerClient(String clientId, String clientSecret) {
        clientSecrets.put(clientId, clientSecret);
    }

    /** A private_key_jwt client (RFC 7523 §2.2) with this public key. */
    public void registerClient(String clientId, JWK publicKey) {
        clientKeys.put(clientId, publicKey.toPublicJWK());
    }

    /** expires_in of issued tokens (default 300 s); null omits expires_in (tokens then live 300 s). */
    public void tokenLifetime(Duration expiresIn) {
        this.tokenLifetime = expiresIn;
    }

    /** Scripted token endpoint answers, used first-in first-out before normal behaviour. */
    public void enqueueTokenResponse(int status, String contentType, String body) {
        scripted.add(new ScriptedResponse(status, contentType, body));
    }

    /** Every request to the token endpoint, in order. */
    public List<RecordedRequest> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    // ---- HTTP

    private enum NullMember { INSTANCE }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String endpoint = endpointOf(path);
            if (endpoint != null) {
                counts.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
            }
            byte[] requestBody = readBounded(exchange.getRequestBody());
            if (endpoint != null && endpoint.equals("token")) {
                tokenRequests.add(new RecordedRequest(exchange.getRequestMethod(), lowerCaseHeaders(exchange),
                        new String(requestBody, StandardCharsets.UTF_8)));
            }
            if (!awaitRelease(hang)) {
                return;
            }
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int status = failStatus;
            if (status != 0) {
                respond(exchange, status, "text/plain", "test issuer failure " + status, failHeaders);
                return;
            }
            if (endpoint == null) {
                respond(exchange, 404, "text/plain", "not found", Map.of());
                return;
            }
            switch (endpoint) {
                case "openid-configuration" -> serveMetadata(exchange, openIdConfiguration);
                case "oauth-authorization-server" -> serveMetadata(exchange, oauthAuthorizationServer);
                case "jwks" -> serveJwksUnlessHanging(exchange);
                default -> serveToken(exchange, requestBody);
            }
        } catch (RuntimeException e) {
            // a bug in a test should show up as a 500, not as a hung client
            respondQuietly(exchange, 500, "test issuer error: " + e);
        } finally {
            exchange.close();
        }
    }

    private void serveJwksUnlessHanging(HttpExchange exchange) throws IOException {
        jwksMaxInFlight.accumulateAndGet(jwksInFlight.incrementAndGet(), Math::max);
        try {
            if (awaitRelease(jwksHang)) {
                serveJwks(exchange);
            }
        } finally {
            jwksInFlight.decrementAndGet();
        }
    }

    private String endpointOf(String path) {
        if (path.equals(issuerPath + "/.well-known/openid-configuration")) {
            return "openid-configuration";
        }
        if (path.equals("/.well-known/oauth-authorization-server" + issuerPath)) {
            return "oauth-authorization-server";
        }
        if (path.equals(issuerPath + "/jwks")) {
            return "jwks";
        }
        if (path.equals(issuerPath + "/token")) {
            return "token";
        }
        return null;
    }

    private void serveMetadata(HttpExchange exchange, boolean enabled) throws IOException {
        if (!enabled) {
            respond(exchange, 404, "text/plain", "not found", Map.of());
            return;
        }
        String raw = metadataBody;
        if (raw != null) {
            respond(exchange, 200, "application/json", raw, Map.of());
            return;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.toString());
        doc.put("jwks_uri", jwksUri().toString());
        doc.put("token_endpoint", tokenEndpoint().toString());
        doc.put("grant_types_supported", List.of("client_credentials"));
        doc.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        synchronized (metadataOverrides) {
            metadataOverrides.forEach((name, value) -> {
                if (value == NullMember.INSTANCE) {
                    doc.remove(name);
                } else {
                    doc.put(name, value);
                }
            });
        }
        respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(doc), Map.of());
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        Map<String, String> headers = jwksCacheControl == null ? Map.of() : Map.of("Cache-Control", jwksCacheControl);
        CustomBody custom = jwksBody;
        if (custom == null) {
            custom = new CustomBody("application/json", publishedKeys().toString().getBytes(StandardCharsets.UTF_8));
        }
        Duration pause = jwksStreamingPause;
        if (pause == null) {
            respond(exchange, 200, custom.contentType(), custom.body(), headers);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", custom.contentType());
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(200, 0);
        byte[] body = custom.body();
        CountDownLatch stall = jwksStreamHang;
        for (int offset = 0; offset < body.length; offset += 1024) {
            if (offset > 0 && !awaitRelease(stall)) {
                return;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseBody().write(body, offset, Math.min(1024, body.length - offset));
            exchange.getResponseBody().flush();
        }
    }

    private static void release(CountDownLatch latch) {
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Waits until the latch (null = none) is released; false when interrupted, as on {@link #close()}. */
    private static boolean awaitRelease(CountDownLatch latch) {
        if (latch == null) {
            return true;
        }
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void serveToken(HttpExchange exchange, byte[] requestBody) throws IOException {
        ScriptedResponse next = scripted.poll();
        if (next != null) {
            respond(exchange, next.status(), next.contentType(), next.body(), Map.of("Cache-Control", "no-store"));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "text/plain", "POST only", Map.of("Allow", "POST"));
            return;
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String body = new String(requestBody, StandardCharsets.UTF_8);
        Map<String, String> params;
        try {
            params = contentType.toLowerCase(Locale.ROOT).startsWith("application/json") ? jsonParams(body) : formParams(body);
        } catch (ParseException | IllegalArgumentException e) {
            error(exchange, 400, "invalid_request", Map.of());
            return;
        }
        String grantType = params.get("grant_type");
        if (grantType == null) {
            error(exchange, 400, "invalid_request", Map.of());
            return;
        }
        if (!grantType.equals("client_credentials")) {
            error(exchange, 400, "unsupported_grant_type", Map.of());
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean assertion = params.containsKey("client_assertion_type") || params.containsKey("client_assertion");
        boolean inBody = params.containsKey("client_secret");
        if ((basic ? 1 : 0) + (assertion ? 1 : 0) + (inBody ? 1 : 0) > 1) {
            // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request
            error(exchange, 400, "invalid_request", Map.of());
            return;
        }
        Optional<String> client;
        if (basic) {
            client = basicClient(authorization.substring(6).trim());
        } else if (assertion) {
            client = assertedClient(params);
        } else {
            client = secretClient(params.get("client_id"), params.get("client_secret"));
        }
        if (client.isEmpty()) {
            error(exchange, 401, "invalid_client",
                    basic ? Map.of("WWW-Authenticate", "Basic realm=\"test-issuer\"") : Map.of());
            return;
        }
        issueToken(exchange, client.get(), params);
    }

    private void issueToken(HttpExchange exchange, String clientId, Map<String, String> params) throws IOException {
        Duration lifetime = tokenLifetime;
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = claims()
                .subject(clientId)
                .claim("azp", clientId)
                .claim("client_id", clientId)
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plus(lifetime == null ? Duration.ofSeconds(300) : lifetime)));
        if (params.containsKey("scope")) {
            claims.claim("scope", params.get("scope"));
        }
        if (params.containsKey("audience")) {
            claims.audience(params.get("audience"));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", sign(claims.build()));
        response.put("token_type", "Bearer");
        if (lifetime != null) {
            response.put("expires_in", lifetime.toSeconds());
        }
        if (params.containsKey("scope")) {
            response.put("scope", params.get("scope"));
        }
        respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(response),
                Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }

    /** RFC 6749 §2.3.1: base64(urlencode(id) ":" urlencode(secret)), or base64(id ":" secret) when set to raw. */
    private Optional<String> basicClient(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (basicFormEncoded) {
            id = URLDecoder.decode(id, StandardCharsets.UTF_8);
            secret = URLDecoder.decode(secret, StandardCharsets.UTF_8);
        }
        return secretClient(id, secret);
    }

    private Optional<String> secretClient(String id, String secret) {
        if (id == null || secret == null) {
            return Optional.empty();
        }
        String expected = clientSecrets.get(id);
        return expected != null && expected.equals(secret) ? Optional.of(id) : Optional.empty();
    }

    /** RFC 7523 §2.2 / §3: a JWT signed by the client's registered key, iss = sub = client id. */
    private Optional<String> assertedClient(Map<String, String> params) {
        if (!JWT_BEARER_ASSERTION.equals(params.get("client_assertion_type")) || params.get("client_assertion") == null) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(params.get("client_assertion"));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String clientId = claims.getIssuer();
            JWK key = clientId == null ? null : clientKeys.get(clientId);
            if (key == null || !clientId.equals(claims.getSubject())) {
                return Optional.empty();
            }
            if (params.containsKey("client_id") && !params.get("client_id").equals(clientId)) {
                return Optional.empty();
            }
            List<String> audience = claims.getAudience();
            if (audience == null || !(audience.contains(tokenEndpoint().toString()) || audience.contains(issuer.toString()))) {
                return Optional.empty();
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return jwt.verify(verifierFor(key)) ? Optional.of(clientId) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> formParams(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (params.putIfAbsent(name, value) != null) {
                // RFC 6749 §3.2: request parameters MUST NOT be included more than once
                throw new IllegalArgumentException("repeated parameter");
            }
        }
        return params;
    }

    private static Map<String, String> jsonParams(String body) throws ParseException {
        Map<String, String> params = new LinkedHashMap<>();
        JSONObjectUtils.parse(body).forEach((name, value) -> {
            if (value != null) {
                params.put(name, value.toString());
            }
        });
        return params;
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return body;
    }

    private static void error(HttpExchange exchange, int status, String code, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", "no-store");
        respond(exchange, status, "application/json", "{\"error\":\"" + code + "\"}", all);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> headers) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body,
            Map<String, String> headers) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void respondQuietly(HttpExchange exchange, int status, String message) {
        try {
            respond(exchange, status, "text/plain", message, Map.of());
        } catch (IOException | RuntimeException ignored) {
            // headers may already be sent; the client sees a broken response, which is enough
        }
    }

    // ---- crypto

    private static RSAKey newRsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey newEcKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner signerFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            // weak keys allowed on purpose: tests sign with RSA-1024 keys to prove they are refused
            return new RSASSASigner(rsa.toRSAPrivateKey(), Set.of(AllowWeakRSAKey.getInstance()));
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new JdkEd25519Signer(okp);
        }
        if (key instanceof OctetSequenceKey oct) {
            return new MACSigner(oct.toByteArray());
        }
        throw new JOSEException("unsupported key type " + key.getKeyType());
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new JdkEd25519Verifier(okp);
        }
        throw new JOSEException("unsupported client key type " + key.getKeyType());
    }

    /** Ed25519 signing with the JDK's own provider (JDK 15+), since Nimbus's signer needs Tink. */
    private static final class JdkEd25519Signer implements JWSSigner {
        private final PrivateKey privateKey;
        private final JCAContext jca = new JCAContext();

        JdkEd25519Signer(OctetKeyPair key) throws JOSEException {
            if (!key.isPrivate()) {
                throw new JOSEException("an Ed25519 private key is required");
            }
            try {
                byte[] der = concat(ED25519_PKCS8_PREFIX, key.getDecodedD());
                this.privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(privateKey);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }

    private static final class JdkEd25519Verifier implements JWSVerifier {
        private final PublicKey publicKey;
        private final JCAContext jca = new JCAContext();

        JdkEd25519Verifier(OctetKeyPair key) {
            this.publicKey = ed25519PublicKey(key);
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
