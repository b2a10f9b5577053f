package dev.tessera.mechanism;

/**
 * Builds {@code WWW-Authenticate} values for the Bearer scheme (RFC 6750 §3). Descriptions are fixed,
 * generic texts: nothing from the request or the token is echoed back.
 */
final class Challenge {

    static final String INVALID_TOKEN_DESCRIPTION = "The access token is invalid or expired";
    static final String INVALID_REQUEST_DESCRIPTION = "The request carries a malformed bearer credential";

    private Challenge() {
    }

    /** No credentials were presented: RFC 6750 §3.1 says no error code. */
    static String missingToken(String realm) {
        return "Bearer realm=\"" + realm + "\"";
    }

    /** The token was presented but refused (RFC 6750 §3.1 {@code invalid_token}). */
    static String invalidToken(String realm) {
        return "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\""
                + INVALID_TOKEN_DESCRIPTION + "\"";
    }

    /** The credential could not even be read (RFC 6750 §3.1 {@code invalid_request}). */
    static String invalidRequest(String realm) {
        return "Bearer realm=\"" + realm + "\", error=\"invalid_request\", error_description=\""
                + INVALID_REQUEST_DESCRIPTION + "\"";
    }
}
