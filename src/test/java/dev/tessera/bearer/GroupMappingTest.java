package dev.tessera.bearer;

import static dev.tessera.bearer.Fixture.claims;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import dev.tessera.testing.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the group mapping says about the roles claims of accepted tokens. */
class GroupMappingTest {

    private static final StrictJsonReader JSON = new StrictJsonReader(JsonProvider.provider());

    private final GroupMapping mapping = new GroupMapping(List.of("realm_access/roles", "groups"));
    private CapturedLog log;

    @BeforeEach
    void listen() {
        log = CapturedLog.of(GroupMapping.class, Level.FINE);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    @Test
    void anIssuerWhoseTokensCarryNoRolesClaimIsReportedOnceAtWarning() {
        mapping.groupsOf(read(claims()));
        mapping.groupsOf(read(claims().with("sub", "bob")));

        assertThat(warnings()).singleElement().satisfies(message -> assertThat(message)
                .isEqualTo("tokens of " + Fixture.ISSUER + " carry no claim realm_access/roles or groups; callers get no groups"));
    }

    @Test
    void eachIssuerIsReportedOnce() {
        mapping.groupsOf(read(claims()));
        mapping.groupsOf(read(claims().with("iss", Fixture.OTHER_ISSUER)));
        mapping.groupsOf(read(claims().with("iss", Fixture.OTHER_ISSUER)));

        assertThat(warnings()).hasSize(2).anySatisfy(message -> assertThat(message).contains(Fixture.OTHER_ISSUER));
    }

    @Test
    void tokensThatCarryARolesClaimAreNotReportedEvenWhenItIsEmpty() {
        mapping.groupsOf(read(claims().with("groups", List.of())));
        mapping.groupsOf(read(claims().raw("realm_access", "{\"roles\":[\"admin\"]}")));

        assertThat(warnings()).isEmpty();
    }

    @Test
    void theGroupsOfEachAcceptedTokenAreLoggedAtFine() {
        assertThat(mapping.groupsOf(read(claims().with("groups", List.of("reader", "writer"))))).containsExactly("reader", "writer");

        assertThat(log.records()).filteredOn(record -> record.getLevel() == Level.FINE).singleElement()
                .satisfies(record -> assertThat(record.getParameters()).containsExactly("alice", Fixture.ISSUER, java.util.Set.of("reader", "writer")));
    }

    private List<String> warnings() {
        return log.messages(Level.WARNING);
    }

    private static TokenClaims read(Fixture.ClaimsJson claims) {
        try {
            return TokenClaims.read(JSON.readObject(claims.json().getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }
}
