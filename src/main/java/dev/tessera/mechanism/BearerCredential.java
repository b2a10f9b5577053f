package dev.tessera.mechanism;

/** What a request carries in the configured token location, before any verification. */
sealed interface BearerCredential {

    /** Nothing there: an anonymous request. */
    record Absent() implements BearerCredential {
    }

    /** A bearer token to verify. */
    record Present(String token) implements BearerCredential {
        @Override
        public String toString() {
            return "Present[token=<redacted>]";
        }
    }

    /** Something is there but is not one well-formed bearer credential (RFC 6750 {@code invalid_request}). */
    record Malformed(String reason) implements BearerCredential {
    }

    BearerCredential ABSENT = new Absent();
}
