package dev.tessera.demo;

import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Logs, once the application has started, the curl commands that try every resource. */
@ApplicationScoped
public class Banner {

    private static final Logger LOG = Logger.getLogger(Banner.class.getName());

    @Inject
    Config config;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        String issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        String api = config.getValue("demo.api-url", String.class);
        // the client secrets below are the demo provider's published sample values (server-config/demo);
        // Liberty's provider serves its token endpoint at <issuer>/token, as its discovery document says
        String tokenEndpoint = issuer + "/token";
        String extract = " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/'";
        LOG.info(() -> String.join("\n",
                "Tessera demo is running. Try these (the README shows the answers to expect):",
                "",
                "  # public: 200 for anyone",
                "  curl -i " + api + "/hello",
                "  # protected, no token: 401 with WWW-Authenticate: Bearer realm=\"tessera-demo\"",
                "  curl -i " + api + "/orders",
                "  # a token from Liberty's OpenID Connect provider for client 'reader' (scope orders.read)",
                "  READER=$(curl -s -u reader:reader-secret -d grant_type=client_credentials -d scope=orders.read "
                        + tokenEndpoint + extract + ")",
                "  curl -i -H \"Authorization: Bearer $READER\" " + api + "/orders           # 200",
                "  curl -i -H \"Authorization: Bearer $READER\" " + api + "/orders/report    # 403: needs orders.admin",
                "  curl -s -H \"Authorization: Bearer $READER\" " + api + "/me               # the caller's claims",
                "  # client 'admin' (scopes orders.read orders.admin)",
                "  ADMIN=$(curl -s -u admin:admin-secret -d grant_type=client_credentials -d 'scope=orders.read orders.admin' "
                        + tokenEndpoint + extract + ")",
                "  curl -i -H \"Authorization: Bearer $ADMIN\" " + api + "/orders/report     # 200",
                "  # forged: READER's header and signature around a payload that claims orders.admin: 401 invalid_token",
                "  FORGED=$(printf '{\"sub\":\"reader\",\"scope\":[\"orders.read\",\"orders.admin\"]}' | base64 | tr '+/' '-_' | tr -d '=\\n')",
                "  curl -i -H \"Authorization: Bearer ${READER%%.*}.$FORGED.${READER##*.}\" " + api + "/orders/report",
                "  # outbound: the application calls /orders as client 'backend' with a @ClientCredentials token",
                "  curl -s " + api + "/outbound",
                "  # on behalf of a visitor (authorization code grant): open in a browser, log in as alice / alice-password",
                "  # (the provider's login form is on https://localhost:9443, self-signed: accept it once)",
                "  " + api + "/account",
                "  # the same with a confidential client (its secret in the form body, and PKCE); log in as bob / bob-password",
                "  " + api + "/account/confidential",
                "  # readiness (mpHealth-4.0): the issuer's keys and client 'backend'; liveness stays UP when the issuer is down",
                "  curl -s " + java.net.URI.create(api).resolve("/health/ready"),
                "  # metrics (mpTelemetry-2.1): every 30 s this log shows lines 'metric: ... name=tessera.bearer.tokens ...'",
                "",
                "Stop with Ctrl-C."));
    }
}
