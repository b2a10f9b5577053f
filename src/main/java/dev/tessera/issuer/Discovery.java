package dev.tessera.issuer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Finds an issuer's metadata: OpenID Connect Discovery first ({@code <issuer>/.well-known/openid-configuration}),
 * then RFC 8414 ({@code /.well-known/oauth-authorization-server<issuer path>}). The document must name exactly the
 * configured issuer, and the endpoints it names must be https (or loopback http). Thread-safe; build one and share it.
 */
public final class Discovery {

    private static final Logger LOG = Logger.getLogger(Discovery.class.getName());
    private static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
    private static final String OAUTH_AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";

    private final HttpFetcher fetcher;
    private final JsonReaderFactory json;

    /** Discovery over this fetcher; builds the JSON reader factory once. */
    public Discovery(HttpFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        // Duplicate member names are how one document says two things to two parsers: refuse them.
        this.json = Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
        if (!json.getConfigInUse().containsKey(JsonConfig.KEY_STRATEGY)) {
            LOG.warning("The JSON-P provider ignores jakarta.json.JsonConfig.KEY_STRATEGY; issuer metadata with duplicate"
                    + " member names will not be refused");
        }
    }

    /**
     * The metadata the inbound side needs; {@code jwks_uri} is required.
     *
     * @throws IssuerMetadataException when a document was found but is wrong (issuer mismatch, not JSON, insecure URLs)
     * @throws IOException             when no document could be fetched
     */
    public IssuerMetadata discover(URI issuer) throws IOException {
        Document document = fetch(issuer);
        URI jwksUri = document.jwksUri().orElseThrow(() ->
                new IssuerMetadataException("issuer metadata at " + document.location() + " has no jwks_uri"));
        return new IssuerMetadata(issuer, jwksUri, document.tokenEndpoint());
    }

    /**
     * The {@code token_endpoint} for outbound token requests; {@code jwks_uri} is not needed here.
     *
     * @throws IssuerMetadataException when a document was found but is wrong or has no token endpoint
     * @throws IOException             when no document could be fetched
     */
    public URI discoverTokenEndpoint(URI issuer) throws IOException {
        Document document = fetch(issuer);
        return document.tokenEndpoint().orElseThrow(() ->
                new IssuerMetadataException("issuer metadata at " + document.location() + " has no token_endpoint"));
    }

    /**
     * The endpoints of the authorization code grant; {@code authorization_endpoint} and {@code token_endpoint} are
     * required.
     *
     * @throws IssuerMetadataException when a document was found but is wrong or lacks an endpoint
     * @throws IOException             when no document could be fetched
     */
    public AuthorizationServerMetadata discoverAuthorizationServer(URI issuer) throws IOException {
        Document document = fetch(issuer);
        URI authorization = document.authorizationEndpoint().orElseThrow(() ->
                new IssuerMetadataException("issuer metadata at " + document.location() + " has no authorization_endpoint"));
        URI token = document.tokenEndpoint().orElseThrow(() ->
                new IssuerMetadataException("issuer metadata at " + document.location() + " has no token_endpoint"));
        return new AuthorizationServerMetadata(issuer, authorization, token, document.revocationEndpoint(),
                document.issParameterSupported(), document.codeChallengeMethods());
    }

    /** OpenID Connect Discovery §4: a terminating "/" is removed before appending the well-known path. */
    static URI openIdConfigurationUri(URI issuer) {
        return URI.create(withoutTrailingSlash(issuer.toString()) + OPENID_CONFIGURATION);
    }

    /** RFC 8414 §3.1: the well-known path goes between the host and the issuer's path (without a terminating "/"). */
    static URI oauthAuthorizationServerUri(URI issuer) {
        String path = issuer.getRawPath() == null ? "" : withoutTrailingSlash(issuer.getRawPath());
        return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + OAUTH_AUTHORIZATION_SERVER + path);
    }

    private record Document(URI location, Optional<URI> jwksUri, Optional<URI> tokenEndpoint,
            Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint, boolean issParameterSupported,
            Set<String> codeChallengeMethods) {
    }

    private Document fetch(URI issuer) throws IOException {
        try {
            HttpFetcher.requireSecure(issuer, fetcher.policy().allowInsecureHttp());
        } catch (IllegalArgumentException e) {
            throw new IssuerMetadataException("issuer " + e.getMessage());
        }
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            // OpenID Connect Discovery §2 and RFC 8414 §2: no query or fragment components
            throw new IssuerMetadataException("issuer '" + issuer + "' must not have a query or fragment");
        }
        URI oidc = openIdConfigurationUri(issuer);
        HttpFetcher.FetchedResponse first = fetcher.get(oidc);
        if (first.status() == 200) {
            return parse(issuer, oidc, first);
        }
        if (first.status() >= 500) {
            throw new IOException("issuer metadata at " + oidc + " answered HTTP " + first.status());
        }
        URI oauth = oauthAuthorizationServerUri(issuer);
        HttpFetcher.FetchedResponse second = fetcher.get(oauth);
        if (second.status() == 200) {
            return parse(issuer, oauth, second);
        }
        throw new IOException("no issuer metadata for " + issuer + ": " + oidc + " answered HTTP " + first.status()
                + ", " + oauth + " answered HTTP " + second.status());
    }

    private Document parse(URI issuer, URI location, HttpFetcher.FetchedResponse response) throws IssuerMetadataException {
        JsonObject root;
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(response.body()), StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IssuerMetadataException("issuer metadata at " + location + " is not a JSON object");
            }
            root = value.asJsonObject();
        } catch (JsonException e) {
            throw new IssuerMetadataException("issuer metadata at " + location
                    + " is not valid JSON (syntax error or duplicate member name)", e);
        }
        String claimed = string(root, "issuer", location).orElseThrow(() ->
                new IssuerMetadataException("issuer metadata at " + location + " has no issuer"));
        // OpenID Connect Discovery §4.3, RFC 8414 §3.3: the issuer MUST be identical to the configured one
        if (!claimed.equals(issuer.toString())) {
            throw new IssuerMetadataException("issuer metadata at " + location + " names a different issuer than the"
                    + " configured '" + issuer + "'" + mismatchHint(claimed, issuer.toString()));
        }
        Set<String> methods = new HashSet<>();
        if (root.get("code_challenge_methods_supported") instanceof JsonArray array) {
            array.forEach(v -> {
                if (v instanceof JsonString method) {
                    methods.add(method.getString());
                }
            });
        }
        return new Document(location, uri(root, "jwks_uri", location), uri(root, "token_endpoint", location),
                uri(root, "authorization_endpoint", location), uri(root, "revocation_endpoint", location),
                JsonValue.TRUE.equals(root.get("authorization_response_iss_parameter_supported")), methods);
    }

    private static String mismatchHint(String claimed, String configured) {
        if (withoutTrailingSlash(claimed).equals(withoutTrailingSlash(configured))) {
            return " (they differ only by a trailing slash; configure the issuer exactly as the provider spells it)";
        }
        if (claimed.equalsIgnoreCase(configured)) {
            return " (they differ only in upper/lower case; configure the issuer exactly as the provider spells it)";
        }
        return "";
    }

    private Optional<URI> uri(JsonObject root, String member, URI location) throws IssuerMetadataException {
        Optional<String> text = string(root, member, location);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            HttpFetcher.requireSecure(uri, fetcher.policy().allowInsecureHttp());
            return Optional.of(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IssuerMetadataException("issuer metadata at " + location + ": " + member + " is not an https URL");
        }
    }

    private static Optional<String> string(JsonObject root, String member, URI location) throws IssuerMetadataException {
        JsonValue value = root.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new IssuerMetadataException("issuer metadata at " + location + ": " + member + " is not a string");
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
