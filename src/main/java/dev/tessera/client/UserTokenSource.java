package dev.tessera.client;

/**
 * The current browser user's tokens of one authorization code client, kept in their HTTP session. Every method works
 * on the thread of an HTTP request of the application (it reads that request's session).
 */
public interface UserTokenSource extends TokenSource {

    /**
     * The current user's access token, refreshed with the refresh token when it is (nearly) expired.
     *
     * @throws AuthorizationRequiredException when the user has no tokens, or a refresh was refused: send them to
     *                                        {@link AuthorizationRequiredException#startPath(String)}
     * @throws TokenUnavailableException      when the provider could not be reached for a refresh
     */
    @Override
    AccessToken token();

    /** Whether the current user has tokens (perhaps expired ones that a refresh will renew). */
    boolean isAuthorized();

    /** Forgets the current user's tokens, revoking them at the provider when {@code revoke-on-logout} is set. */
    void forget();

    /**
     * The path that starts the authorization and then sends the user to {@code returnPath}, such as
     * {@code /app/oauth/kanbert/start?return=%2Fapp%2Fpage}.
     *
     * @throws IllegalArgumentException when {@code returnPath} is not a path on this origin
     */
    String startPath(String returnPath);
}
