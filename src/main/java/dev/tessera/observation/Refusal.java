package dev.tessera.observation;

import java.util.Locale;

/** Why a bearer token was refused, in a few kinds an operator can act on; {@link #attribute()} names it in metrics. */
public enum Refusal {
    /** Not a well-formed token: length, compact form, base64url, JSON, claim types. */
    MALFORMED,
    /** A header Tessera does not accept: the algorithm, {@code crit}, compression, nesting. */
    HEADER,
    /** The signature does not verify with the key the token names. */
    SIGNATURE,
    /** No key of the issuer matches the token (unknown {@code kid}, wrong key type, key no longer published). */
    UNKNOWN_KEY,
    /** {@code iss} missing or not a trusted issuer. */
    ISSUER,
    /** {@code aud} does not name this resource server. */
    AUDIENCE,
    /** {@code exp} has passed. */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future. */
    NOT_YET_VALID,
    /** Issued longer ago than the maximum token age. */
    TOO_OLD,
    /** Another kind of token than an access token ({@code typ}, ID token claims). */
    TOKEN_TYPE,
    /** An encrypted token that does not decrypt, or encryption that is missing or not accepted. */
    DECRYPTION,
    /** A claim rule refused it: no caller name, or one of the application's own rules. */
    CLAIMS,
    /** The request's credential itself is malformed: {@code Bearer} without a token, or two tokens (HTTP 400). */
    INVALID_REQUEST;

    private final String attribute = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used as the {@code reason} attribute, for example {@code unknown_key}. */
    public String attribute() {
        return attribute;
    }
}
