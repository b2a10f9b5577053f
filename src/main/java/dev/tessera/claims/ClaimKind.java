package dev.tessera.claims;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * The claim value types of MicroProfile JWT 2.1 ("the current complete set of valid claim types"), and how a value
 * returned by {@code JsonWebToken.getClaim} becomes each of them.
 */
enum ClaimKind {

    STRING {
        @Override
        Object convert(String claim, Object value, JsonProvider json) {
            if (value instanceof String string) {
                return string;
            }
            if (value instanceof JsonString string) {
                return string.getString();
            }
            throw mismatch(claim);
        }
    },
    LONG {
        @Override
        Object convert(String claim, Object value, JsonProvider json) {
            try {
                if (value instanceof Long number) {
                    return number;
                }
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                if (value instanceof JsonNumber number) {
                    return number.bigDecimalValue().longValueExact();
                }
                if (value instanceof BigDecimal number) {
                    return number.longValueExact();
                }
            } catch (ArithmeticException notWhole) {
                throw mismatch(claim);
            }
            throw mismatch(claim);
        }
    },
    BOOLEAN {
        @Override
        Object convert(String claim, Object value, JsonProvider json) {
            if (value instanceof Boolean bool) {
                return bool;
            }
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw mismatch(claim);
        }
    },
    STRING_SET {
        @Override
        Object convert(String claim, Object value, JsonProvider json) {
            if (!(value instanceof Collection<?> elements)) {
                throw mismatch(claim);
            }
            Set<String> strings = new LinkedHashSet<>();
            for (Object element : elements) {
                strings.add((String) STRING.convert(claim, element, json));
            }
            return Collections.unmodifiableSet(strings);
        }
    },
    JSON_VALUE(JsonValue.class),
    JSON_STRING(JsonString.class),
    JSON_NUMBER(JsonNumber.class),
    JSON_ARRAY(JsonArray.class),
    JSON_OBJECT(JsonObject.class),
    /** A raw {@code ClaimValue}: the value exactly as {@code getClaim} returns it. */
    AS_RETURNED {
        @Override
        Object convert(String claim, Object value, JsonProvider json) {
            return value;
        }
    };

    private final Class<? extends JsonValue> jsonType;

    ClaimKind() {
        this.jsonType = null;
    }

    ClaimKind(Class<? extends JsonValue> jsonType) {
        this.jsonType = jsonType;
    }

    /**
     * Converts a claim's value, never {@code null}, to this kind.
     *
     * @throws ClaimTypeException when the value cannot be this kind; the message names the claim, never its value
     */
    Object convert(String claim, Object value, JsonProvider json) {
        JsonValue converted = toJson(claim, value, json);
        if (!jsonType.isInstance(converted)) {
            throw mismatch(claim);
        }
        return converted;
    }

    /** A Java claim value as JSON: the reverse of the conversions {@code JsonWebToken.getClaim} makes. */
    private JsonValue toJson(String claim, Object value, JsonProvider json) {
        if (value instanceof JsonValue jsonValue) {
            return jsonValue;
        }
        if (value instanceof String string) {
            return json.createValue(string);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return json.createValue(((Number) value).longValue());
        }
        if (value instanceof BigDecimal number) {
            return json.createValue(number);
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Collection<?> elements) {
            JsonArrayBuilder array = json.createArrayBuilder();
            for (Object element : elements) {
                array.add(toJson(claim, element, json));
            }
            return array.build();
        }
        throw mismatch(claim);
    }

    ClaimTypeException mismatch(String claim) {
        return new ClaimTypeException("the claim " + claim + " cannot be injected as " + this);
    }
}
