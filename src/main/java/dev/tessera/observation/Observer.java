package dev.tessera.observation;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Hook points where Tessera tells what it did: every method has a no-op default, so an implementation picks what it
 * watches. Called on request threads (tokens, cache lookups) and on fetch threads (key sets, token requests):
 * implementations are thread-safe and cheap, and never see a token or a secret.
 */
public interface Observer {

    /** Watches nothing. */
    Observer NONE = new Observer() {
    };

    /** A bearer token was accepted (verified now or served from the verified-token cache). */
    default void tokenAccepted() {
    }

    /** A bearer token (or the request's bearer credential) was refused, for this reason. */
    default void tokenRefused(Refusal reason) {
    }

    /** A bearer token could not be checked: its issuer's keys could not be obtained (HTTP 503). */
    default void tokenUnchecked() {
    }

    /** The verified-token cache was asked for a token: a hit served it, a miss sent it to full verification. */
    default void tokenCacheLookup(boolean hit) {
    }

    /** A verified-token cache exists; {@code entries} tells how many tokens it holds now. */
    default void tokenCache(IntSupplier entries) {
    }

    /** A fetch of {@code issuer}'s key set (with its discovery) ended, successfully or not. */
    default void keySetFetched(String issuer, boolean succeeded) {
    }

    /** One token request cycle of outbound client {@code client} (with its retries) ended after {@code latency}. */
    default void tokenRequested(String client, TokenRequestOutcome outcome, Duration latency) {
    }

    /** How an outbound token request cycle ended. */
    enum TokenRequestOutcome {
        /** A token was issued. */
        SUCCESS,
        /** The token endpoint answered with an OAuth error, such as {@code invalid_client}. */
        REFUSED,
        /** No usable answer: network error, timeout, 5xx, or a response that could not be used. */
        FAILURE;

        private final String attribute = name().toLowerCase(java.util.Locale.ROOT);

        /** The lower-case name used as the {@code outcome} attribute. */
        public String attribute() {
            return attribute;
        }
    }
}
