package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The started authorizations of a session: single use, expiring, bounded, serializable. */
class PendingAuthorizationsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private static PendingAuthorization pending(String state, Instant expiresAt) {
        return new PendingAuthorization(state, "v".repeat(43), "/app/", expiresAt);
    }

    @Test
    void aStartedStateIsFoundOnceAndThenNoMore() {
        PendingAuthorizations all = PendingAuthorizations.NONE.with(pending("s1", NOW.plusSeconds(600)), NOW);
        assertThat(all.find("s1", NOW)).isPresent();
        assertThat(all.without("s1").find("s1", NOW)).isEmpty();
    }

    @Test
    void anUnknownStateIsNotFound() {
        PendingAuthorizations all = PendingAuthorizations.NONE.with(pending("s1", NOW.plusSeconds(600)), NOW);
        assertThat(all.find("s2", NOW)).isEmpty();
        assertThat(all.find("s", NOW)).isEmpty();
    }

    @Test
    void anExpiredStateIsNotFoundAndIsDroppedWithTheNextStart() {
        PendingAuthorizations all = PendingAuthorizations.NONE.with(pending("old", NOW.plusSeconds(10)), NOW);
        assertThat(all.find("old", NOW.plusSeconds(10))).isEmpty();
        PendingAuthorizations later = all.with(pending("new", NOW.plusSeconds(700)), NOW.plusSeconds(100));
        assertThat(later.pending()).extracting(PendingAuthorization::state).containsExactly("new");
    }

    @Test
    void atMostEightAreKeptTheOldestGoingFirst() {
        PendingAuthorizations all = PendingAuthorizations.NONE;
        for (int i = 0; i < 20; i++) {
            all = all.with(pending("s" + i, NOW.plusSeconds(600)), NOW);
        }
        assertThat(all.pending()).hasSize(PendingAuthorizations.MAX);
        assertThat(all.find("s11", NOW)).isEmpty();
        assertThat(all.find("s12", NOW)).isPresent();
        assertThat(all.find("s19", NOW)).isPresent();
    }

    @Test
    void survivesSerializationAndHidesStateAndVerifier() throws IOException, ClassNotFoundException {
        PendingAuthorizations all = PendingAuthorizations.NONE.with(pending("secret-state", NOW.plusSeconds(600)), NOW);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(all);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(all);
        }
        assertThat(all.toString()).doesNotContain("secret-state").doesNotContain("vvvv");
    }
}
