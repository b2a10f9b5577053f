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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the group mapping says about the roles claims of accepted tokens. */
class GroupMappingTest {

    private static final StrictJsonReader JSON = new StrictJsonReader(JsonProvider.provider());
    private static final Logger LOG = Logger.getLogger(GroupMapping.class.getName());

    private final GroupMapping mapping = new GroupMapping(List.of("realm_access/roles", "groups"));
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = LOG.getLevel();
        LOG.setLevel(Level.FINE);
        LOG.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        LOG.removeHandler(handler);
        LOG.setLevel(levelBefore);
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

        assertThat(records).filteredOn(record -> record.getLevel() == Level.FINE).singleElement()
                .satisfies(record -> assertThat(record.getParameters()).containsExactly("alice", Fixture.ISSUER, java.util.Set.of("reader", "writer")));
    }

    private List<String> warnings() {
        return records.stream().filter(record -> record.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    private static TokenClaims read(Fixture.ClaimsJson claims) {
        try {
            return TokenClaims.read(JSON.readObject(claims.json().getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }
}
