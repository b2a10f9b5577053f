package dev.tessera.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.tessera.config.ClientSettings;
import dev.tessera.config.RetryPolicy;
import dev.tessera.issuer.HttpFetcher;
import dev.tessera.issuer.HttpFetcher.FetchedResponse;
import dev.tessera.issuer.IssuerMetadataException;

/**
 * Obtains one token from the token endpoint with the client credentials grant (RFC 6749 §4.4): one request cycle.
 * Network failures, timeouts, 5xx and 429 are retried as {@link TokenBackoff} says, honouring {@code Retry-After};
 * OAuth error responses and malformed answers are not.
 */
final class TokenFetcher implements Supplier<AccessToken> {

    private static final Logger LOG = Logger.getLogger(TokenFetcher.class.getName());

    private final String client;
    private final ClientSettings.Requested settings;
    private final TokenEndpoint endpoint;
    private final TokenRequestStyle style;
    private final SecretMask mask;
    private final List<Map.Entry<String, String>> grantParameters;
    private final HttpFetcher http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TokenBackoff backoff;

    TokenFetcher(ClientSettings.Requested settings, TokenEndpoint endpoint, TokenRequestStyle style, SecretMask mask,
            HttpFetcher http, Clock clock, Sleeper sleeper, TokenBackoff backoff) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = settings.name();
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.style = Objects.requireNonNull(style, "style");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.grantParameters = settings.request().grant().parameters();
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * A new token.
     *
     * @throws TokenRequestRefusedException on an OAuth error response
     * @throws TokenUnavailableException    when every attempt failed or the answer is unusable; carries the
     *                                      endpoint's {@code Retry-After} when it sent one
     */
    @Override
    public AccessToken get() {
        RetryPolicy retry = backoff.retry();
        String lastProblem = "no attempt made";
        IOException lastCause = null;
        Optional<Duration> retryAfter = Optional.empty();
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(backoff.pause(attempt - 1, retryAfter));
            }
            FetchedResponse response;
            retryAfter = Optional.empty();
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
                lastProblem = "the token request failed: " + mask.apply(String.valueOf(e.getMessage()));
                lastCause = e;
                int n = attempt;
                LOG.fine(() -> "client '" + client + "': attempt " + n + " failed: " + e.getClass().getName());
                continue;
            }
            int status = response.status();
            if (status >= 500 || status == 429) {
                lastProblem = "the token endpoint answered HTTP " + status;
                lastCause = null;
                retryAfter = TokenBackoff.retryAfter(response.header("Retry-After"), clock.instant());
                int n = attempt;
                LOG.fine(() -> "client '" + client + "': attempt " + n + " answered HTTP " + status);
                if (retryAfter.isPresent() && backoff.endsCycle(retryAfter.get())) {
                    throw new TokenUnavailableException(client, lastProblem + " with Retry-After " + retryAfter.get().toSeconds()
                            + " s (" + n + (n == 1 ? " attempt)" : " attempts)"), null, retryAfter.get(), null);
                }
                continue;
            }
            return TokenResponse.parse(client, status, response.header("Content-Type"), response.body(), clock.instant(),
                    settings.request().grant().scope(), settings.cache().defaultLifetime(), mask,
                    status == 401 ? style.unauthorizedHint() : Optional.empty());
        }
        throw new TokenUnavailableException(client, lastProblem + " (" + retry.maxAttempts()
                + (retry.maxAttempts() == 1 ? " attempt)" : " attempts)"), lastCause, retryAfter.orElse(null), null);
    }

    private void pause(Duration pause) {
        try {
            sleeper.sleep(pause);
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
