package dev.tessera.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.tessera.config.ClientSettings;
import dev.tessera.config.RetryPolicy;
import dev.tessera.config.TokenRequestSettings;
import dev.tessera.issuer.HttpFetcher;
import dev.tessera.issuer.HttpFetcher.FetchedResponse;
import dev.tessera.issuer.IssuerMetadataException;

/**
 * Obtains one token from the token endpoint with the client credentials grant (RFC 6749 §4.4). Network
 * failures, timeouts, 5xx and 429 are retried with exponential backoff up to {@link RetryPolicy#maxAttempts()};
 * OAuth error responses and malformed answers are not.
 */
final class TokenFetcher implements Supplier<AccessToken> {

    private static final Logger LOG = Logger.getLogger(TokenFetcher.class.getName());

    private final String client;
    private final TokenEndpoint endpoint;
    private final TokenRequestStyle style;
    private final TokenRequestSettings request;
    private final List<Map.Entry<String, String>> grantParameters;
    private final ClientSettings settings;
    private final HttpFetcher http;
    private final Clock clock;
    private final Sleeper sleeper;

    TokenFetcher(ClientSettings settings, TokenEndpoint endpoint, TokenRequestStyle style, HttpFetcher http, Clock clock,
            Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.request = settings.request().orElseThrow(() -> new IllegalArgumentException("client uses a fixed token"));
        this.client = settings.name();
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.style = Objects.requireNonNull(style, "style");
        this.grantParameters = request.grant().parameters();
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * A new token.
     *
     * @throws TokenRequestRefusedException on an OAuth error response
     * @throws TokenUnavailableException    when every attempt failed or the answer is unusable
     */
    @Override
    public AccessToken get() {
        RetryPolicy retry = settings.retry();
        String lastProblem = "no attempt made";
        IOException lastCause = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(retry, attempt - 1);
            }
            FetchedResponse response;
            try {
                URI uri = endpoint.uri();
                TokenRequest tokenRequest = style.request(uri, grantParameters, clock.instant());
                response = http.post(uri, tokenRequest.headers(), tokenRequest.body());
            } catch (IssuerMetadataException e) {
                throw new TokenUnavailableException(client, "the issuer metadata is unusable: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new TokenUnavailableException(client, e.getMessage(), e);
            } catch (HttpTimeoutException e) {
                lastProblem = "the token endpoint did not answer in time";
                lastCause = e;
                int n = attempt;
                LOG.fine(() -> "client '" + client + "': attempt " + n + " timed out");
                continue;
            } catch (IOException e) {
                lastProblem = "the token request failed: " + e.getMessage();
                lastCause = e;
                int n = attempt;
                LOG.fine(() -> "client '" + client + "': attempt " + n + " failed: " + e);
                continue;
            }
            int status = response.status();
            if (status >= 500 || status == 429) {
                lastProblem = "the token endpoint answered HTTP " + status;
                lastCause = null;
                int n = attempt;
                LOG.fine(() -> "client '" + client + "': attempt " + n + " answered HTTP " + status);
                continue;
            }
            return TokenResponse.parse(client, status, response.header("Content-Type"), response.body(), clock.instant(),
                    request.grant().scope(), settings.cache().defaultLifetime(), request.clientSecret());
        }
        throw new TokenUnavailableException(client, lastProblem + " (" + retry.maxAttempts()
                + (retry.maxAttempts() == 1 ? " attempt)" : " attempts)"), lastCause);
    }

    private void pause(RetryPolicy retry, int failedAttempt) {
        try {
            sleeper.sleep(retry.backoff(failedAttempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException(client, "interrupted while waiting to retry the token request", e);
        }
    }

    @Override
    public String toString() {
        return "TokenFetcher[" + client + ", " + endpoint + ", " + style + "]";
    }
}
