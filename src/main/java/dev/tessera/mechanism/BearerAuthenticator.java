package dev.tessera.mechanism;

import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tessera.bearer.CachingTokenVerifier;
import dev.tessera.bearer.ClaimRule;
import dev.tessera.bearer.InvalidTokenException;
import dev.tessera.bearer.TokenVerifier;
import dev.tessera.config.BearerSettings;
import dev.tessera.issuer.KeySetStatus;
import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.TrustedIssuers;
import dev.tessera.observation.Observer;
import dev.tessera.observation.Refusal;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns a request into an {@link Outcome}: finds the credential, verifies it, and decides the RFC 6750
 * answer. Built once per deployment; holds no per-request state. {@link #close()} releases the issuers' HTTP client and
 * key refresh threads when the application stops.
 */
final class BearerAuthenticator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BearerAuthenticator.class.getName());

    private final TokenExtractor extractor;
    private final TrustedIssuers issuers;
    private final CachingTokenVerifier verifier;
    private final String realm;
    private final Observer observer;

    /**
     * @param applicationRules the application's own claim rules (its {@link ClaimRule} beans), after the built-in ones
     */
    BearerAuthenticator(BearerSettings settings, Clock clock, List<ClaimRule> applicationRules) {
        this(settings, clock, applicationRules, Observer.NONE);
    }

    /** Like {@link #BearerAuthenticator(BearerSettings, Clock, List)}, telling {@code observer} what it does. */
    BearerAuthenticator(BearerSettings settings, Clock clock, List<ClaimRule> applicationRules, Observer observer) {
        this.extractor = new TokenExtractor(settings.location());
        this.issuers = TrustedIssuers.from(settings, clock, observer);
        TokenVerifier verifier = new TokenVerifier(settings, issuers, clock, applicationRules);
        this.verifier = new CachingTokenVerifier(verifier, clock, settings.tokenCache(), observer);
        this.realm = settings.realm();
        this.observer = observer;
    }

    @Override
    public void close() {
        issuers.close();
    }

    String realm() {
        return realm;
    }

    /** The status of the keys of {@code issuer} (null: of the keys configured for any issuer). */
    Optional<KeySetStatus> keySetStatus(String issuer) {
        return issuers.keysFor(issuer).map(KeySource::status);
    }

    Outcome authenticate(HttpServletRequest request) {
        BearerCredential credential = extractor.extract(request);
        if (credential instanceof BearerCredential.Absent) {
            return Outcome.ANONYMOUS;
        }
        if (credential instanceof BearerCredential.Malformed malformed) {
            observer.tokenRefused(Refusal.INVALID_REQUEST);
            LOG.log(Level.FINE, "Refused bearer credential on {0}: {1}", new Object[] {request.getRequestURI(), malformed.reason()});
            return new Outcome.Refused(400, Challenge.invalidRequest(realm));
        }
        String token = ((BearerCredential.Present) credential).token();
        try {
            return new Outcome.Authenticated(verifier.verification(token));
        } catch (InvalidTokenException e) {
            LOG.log(Level.FINE, "Refused bearer token on {0}: {1}{2}", new Object[] {request.getRequestURI(), e.getMessage(),
                    e.detail().map(detail -> " (" + detail + ")").orElse("")});
            return new Outcome.Refused(401, Challenge.invalidToken(realm));
        } catch (KeysUnavailableException e) {
            LOG.log(Level.FINE, "Could not check bearer token on {0}: {1}", new Object[] {request.getRequestURI(), e.getMessage()});
            return new Outcome.Unavailable(e.retryAfter());
        }
    }
}
