package dev.tessera.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tessera.config.RetryPolicy;

/** The numbers of the retry and hold-off policy. */
class TokenBackoffTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final TokenBackoff noJitter = new TokenBackoff(RetryPolicy.DEFAULT, () -> 0);

    @Test
    void pausesWithinACycleDoubleUpToTheMaximum() {
        assertThat(noJitter.pause(1, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(noJitter.pause(2, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(noJitter.pause(5, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void holdOffsDoubleFromFiveSecondsToAMinute() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(n -> noJitter.holdOff(n, Optional.empty())).toList())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void jitterShortensByAtMostAQuarterButNeverBelowRetryAfter() {
        TokenBackoff fullJitter = new TokenBackoff(RetryPolicy.DEFAULT, () -> 0.999999);

        assertThat(fullJitter.holdOff(1, Optional.empty())).isBetween(Duration.ofMillis(3750), Duration.ofMillis(3751));
        assertThat(fullJitter.holdOff(1, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDateAndCapped() {
        assertThat(TokenBackoff.retryAfter(Optional.of("3"), NOW)).contains(Duration.ofSeconds(3));
        assertThat(TokenBackoff.retryAfter(Optional.of("Tue, 01 Jan 2030 10:00:42 GMT"), NOW)).contains(Duration.ofSeconds(42));
        assertThat(TokenBackoff.retryAfter(Optional.of("86400"), NOW)).contains(TokenBackoff.MAX_RETRY_AFTER);
        assertThat(TokenBackoff.retryAfter(Optional.of("Tue, 01 Jan 2030 09:00:00 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(TokenBackoff.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(TokenBackoff.retryAfter(Optional.empty(), NOW)).isEmpty();
    }
}
