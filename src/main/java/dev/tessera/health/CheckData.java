package dev.tessera.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The data of one check's response, in the order it is put, with the value types MicroProfile Health allows (string,
 * long, boolean); an absent optional value leaves its key out. The response is built with the API's own constructor,
 * so that no {@code HealthCheckResponseProvider} is looked up per probe.
 */
final class CheckData {

    private final Map<String, Object> data = new LinkedHashMap<>();

    CheckData put(String key, String value) {
        data.put(key, value);
        return this;
    }

    CheckData put(String key, long value) {
        data.put(key, value);
        return this;
    }

    CheckData put(String key, boolean value) {
        data.put(key, value);
        return this;
    }

    /** The value as text (an instant in ISO-8601), or nothing when it is absent. */
    CheckData put(String key, Optional<?> value) {
        value.ifPresent(v -> data.put(key, v.toString()));
        return this;
    }

    HealthCheckResponse response(String name, boolean up) {
        return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(data))));
    }
}
