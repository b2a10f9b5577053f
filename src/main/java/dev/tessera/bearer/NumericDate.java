package dev.tessera.bearer;

import dev.tessera.observation.Refusal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A JWT NumericDate (RFC 7519 §2): seconds since the epoch as a JSON number. Strings, negative values and
 * absurd magnitudes ({@code 1e400}) are refused (threat model rows 9 and 12).
 */
final class NumericDate {

    /** 9999-12-31T23:59:59Z: later dates are nonsense and would overflow time arithmetic. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SECONDS);

    private NumericDate() {
    }

    /**
     * The claim in whole seconds (a fraction is dropped), or empty when the claim is absent.
     *
     * @throws InvalidTokenException when present but not a number in {@code [0, MAX_SECONDS]}
     */
    static OptionalLong read(JsonObject claims, String name) throws InvalidTokenException {
        JsonValue value = claims.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidTokenException(Refusal.MALFORMED, name + " is not a number");
        }
        // bigDecimalValue(): longValue() silently turns 1e400 into 0. compareTo is cheap even for huge exponents.
        BigDecimal seconds = number.bigDecimalValue();
        if (seconds.signum() < 0 || seconds.compareTo(MAX) > 0) {
            throw new InvalidTokenException(Refusal.MALFORMED, name + " is out of range");
        }
        return OptionalLong.of(seconds.longValue());
    }

    /** A configured duration in seconds, capped so that sums with dates cannot overflow. */
    static long seconds(Duration duration) {
        return Math.min(duration.getSeconds(), MAX_SECONDS);
    }
}
