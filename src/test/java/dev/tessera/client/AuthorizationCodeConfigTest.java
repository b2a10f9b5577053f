package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tessera.config.AuthorizationCodeGrant;
import dev.tessera.config.AuthorizationServer;
import dev.tessera.config.ClientAuthentication;
import dev.tessera.config.ClientSettings;

/** The authorization code grant's configuration: what is read, and every refusal naming its key. */
class AuthorizationCodeConfigTest {

    private static final String[] PUBLIC = {"grant", "authorization_code", "issuer", "https://login.kanbert.example",
            "client-id", "app", "redirect-uri", "https://app.example/app/oauth/kanbert/callback"};

    private static List<String> problems(String... extra) {
        Map<String, String> properties = new LinkedHashMap<>(Clients.client("kanbert", PUBLIC));
        properties.putAll(Clients.client("kanbert", extra));
        properties.values().removeIf(String::isEmpty);
        return Clients.problems(Clients.config(properties), Set.of("kanbert"));
    }

    @Test
    void aPublicClientUsesPkceAndNoCredential() {
        ClientSettings settings = Clients.settings("kanbert", PUBLIC);
        AuthorizationCodeGrant grant = ((ClientSettings.AuthorizationCode) settings).grant();
        assertThat(grant.isPublic()).isTrue();
        assertThat(grant.pkce()).isTrue();
        assertThat(grant.authentication()).isInstanceOf(ClientAuthentication.None.class);
        assertThat(grant.server()).isInstanceOf(AuthorizationServer.Discovered.class);
        assertThat(grant.startPath()).isEqualTo("/oauth/kanbert/start");
        assertThat(grant.logoutPath()).isEqualTo("/oauth/kanbert/logout");
    }

    @Test
    void aConfidentialClientKeepsPkceByDefaultAndHidesItsSecret() {
        ClientSettings settings = Clients.settings("kanbert", "grant", "authorization_code", "authorization-endpoint",
                "https://api.kanbert.com/oauth/authorize", "token-endpoint", "https://api.kanbert.com/oauth/token",
                "client-id", "app", "client-secret", "s3cret", "auth-method", "client_secret_post",
                "redirect-uri", "https://app.example/cb", "scope", "boards:read boards:write");
        AuthorizationCodeGrant grant = ((ClientSettings.AuthorizationCode) settings).grant();
        assertThat(grant.pkce()).isTrue();
        assertThat(grant.authentication()).isInstanceOf(ClientAuthentication.SecretPost.class);
        assertThat(grant.scope()).containsExactlyInAnyOrder("boards:read", "boards:write");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aValidPublicClientHasNoProblems() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void aPublicClientCannotTurnPkceOff() {
        assertThat(problems("pkce", "false")).singleElement().asString()
                .startsWith("tessera.client.kanbert.pkce:").contains("must use PKCE");
    }

    @Test
    void theRedirectUriIsRequiredAbsoluteAndWithoutFragment() {
        assertThat(problems("redirect-uri", "")).anyMatch(p -> p.startsWith("tessera.client.kanbert.redirect-uri:"));
        assertThat(problems("redirect-uri", "/relative/callback")).singleElement().asString()
                .startsWith("tessera.client.kanbert.redirect-uri:");
        assertThat(problems("redirect-uri", "https://app.example/cb#x")).singleElement().asString()
                .startsWith("tessera.client.kanbert.redirect-uri:");
        assertThat(problems("redirect-uri", "http://app.example/cb")).singleElement().asString()
                .startsWith("tessera.client.kanbert.redirect-uri:").contains("https");
    }

    @Test
    void endpointsOrAnIssuerButNotBoth() {
        assertThat(problems("authorization-endpoint", "https://a.example/authorize")).singleElement().asString()
                .startsWith("tessera.client.kanbert.issuer:");
        assertThat(problems("issuer", "", "authorization-endpoint", "https://a.example/authorize")).singleElement().asString()
                .startsWith("tessera.client.kanbert.token-endpoint:");
    }

    @Test
    void aSecretMethodNeedsASecretAndNoneNeedsNone() {
        assertThat(problems("auth-method", "client_secret_post")).singleElement().asString()
                .startsWith("tessera.client.kanbert.client-secret:");
        assertThat(problems("auth-method", "none", "client-secret", "s3cret")).singleElement().asString()
                .startsWith("tessera.client.kanbert.client-secret:").doesNotContain("s3cret");
    }

    @Test
    void reservedAuthorizationParametersAreRefused() {
        assertThat(problems("param.state", "x")).singleElement().asString().startsWith("tessera.client.kanbert.param.state:");
        assertThat(problems("param.code_challenge_method", "plain")).singleElement().asString()
                .startsWith("tessera.client.kanbert.param.code_challenge_method:");
    }

    @Test
    void keysOfTheOtherGrantAreRefused() {
        assertThat(problems("audience", "x")).singleElement().asString().startsWith("tessera.client.kanbert.audience:");
        assertThat(problems("token", "abc")).anyMatch(p -> p.startsWith("tessera.client.kanbert.token:"));
        assertThat(Clients.problems(Clients.config(Clients.client("cc", "token-endpoint", "https://a.example/token",
                "client-id", "x", "client-secret", "y", "redirect-uri", "https://a.example/cb")), Set.of("cc")))
                .singleElement().asString().startsWith("tessera.client.cc.redirect-uri:");
    }

    @Test
    void anUnknownGrantIsRefused() {
        assertThat(Clients.problems(Clients.config(Clients.client("cc", "grant", "password", "token-endpoint",
                "https://a.example/token", "client-id", "x", "client-secret", "y")), Set.of("cc")))
                .singleElement().asString().startsWith("tessera.client.cc.grant:");
    }

    @Test
    void pathsMustBePlainAndDistinct() {
        assertThat(problems("start-path", "oauth/start")).singleElement().asString().startsWith("tessera.client.kanbert.start-path:");
        assertThat(problems("logout-path", "/oauth/kanbert/start")).singleElement().asString()
                .startsWith("tessera.client.kanbert.logout-path:");
        assertThat(problems("start-path", "/a//b")).singleElement().asString().startsWith("tessera.client.kanbert.start-path:");
    }

    @Test
    void revocationWithConfiguredEndpointsNeedsTheRevocationEndpoint() {
        assertThat(problems("issuer", "", "authorization-endpoint", "https://a.example/authorize", "token-endpoint",
                "https://a.example/token", "revoke-on-logout", "true")).singleElement().asString()
                .startsWith("tessera.client.kanbert.revocation-endpoint:");
    }
}
