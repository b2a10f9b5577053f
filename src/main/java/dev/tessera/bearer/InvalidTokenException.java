package dev.tessera.bearer;

import java.util.Objects;
import java.util.Optional;

import dev.tessera.observation.Refusal;

/**
 * The token is bad: malformed, wrongly signed, expired, or not meant for us (HTTP 401,
 * {@code error="invalid_token"}). The message is a short reason for a FINE log line; it never
 * contains the token or any part of it. A {@link #detail()} may add claim values that are no secrets
 * ({@code iss}, {@code aud}) to help whoever configures the issuer or the server. Its {@link #kind()} sorts it for
 * metrics; an application's own claim rule throws it with the one-argument constructor, kind {@link Refusal#CLAIMS}.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The specifics for the FINE log line, or {@code null}. */
    private final String detail;
    private final Refusal kind;

    /** A refusal by a claim rule (kind {@link Refusal#CLAIMS}), with a short reason without token data. */
    public InvalidTokenException(String reason) {
        this(Refusal.CLAIMS, reason, null);
    }

    /** Like {@link #InvalidTokenException(String)}, of the given kind. */
    public InvalidTokenException(Refusal kind, String reason) {
        this(kind, reason, null);
    }

    /**
     * @param reason a short reason, without token data
     * @param detail values that help to act on the refusal, never the token or a secret; {@code null} for none
     */
    public InvalidTokenException(String reason, String detail) {
        this(Refusal.CLAIMS, reason, detail);
    }

    /** Like {@link #InvalidTokenException(String, String)}, of the given kind. */
    public InvalidTokenException(Refusal kind, String reason, String detail) {
        super(reason, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = detail;
    }

    /** What kind of refusal this is, for counting refusals by reason. */
    public Refusal kind() {
        return kind;
    }

    /** What helps to act on the refusal beyond the reason, such as the token's issuer and the trusted ones. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
