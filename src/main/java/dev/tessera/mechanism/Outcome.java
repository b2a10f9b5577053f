package dev.tessera.mechanism;

import java.time.Duration;

import dev.tessera.bearer.CachingTokenVerifier.Verification;
import dev.tessera.bearer.VerifiedToken;

/** What authentication decided for one request; remembered so the container's second call costs nothing. */
sealed interface Outcome {

    /** No bearer credential: anonymous, challenged only where the resource is protected. */
    record Anonymous() implements Outcome {
    }

    /** A verified token: the caller, and whether it came from the verified-token cache. */
    record Authenticated(Verification verification) implements Outcome {

        VerifiedToken token() {
            return verification.token();
        }
    }

    /** A credential that was refused; {@code status} is 401 (invalid token) or 400 (malformed request). */
    record Refused(int status, String challenge) implements Outcome {
    }

    /** The token could not be checked right now (issuer keys unobtainable): 503. */
    record Unavailable(Duration retryAfter) implements Outcome {
    }

    Outcome ANONYMOUS = new Anonymous();
}
