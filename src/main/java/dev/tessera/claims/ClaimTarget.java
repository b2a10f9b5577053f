package dev.tessera.claims;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.ClaimValue;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * What a {@code @Claim} injection point asks for: a claim kind, maybe wrapped in {@code Optional}, maybe in
 * {@code ClaimValue} (MicroProfile JWT 2.1, "Injection of JsonWebToken claims"). Read from the injection point's
 * type once; converting a value is then a few {@code instanceof} checks.
 *
 * @param kind       the claim value type
 * @param optional   whether the value is wrapped in {@code Optional}
 * @param claimValue whether the value is wrapped in {@code ClaimValue}
 */
record ClaimTarget(ClaimKind kind, boolean optional, boolean claimValue) {

    private static final Map<Type, ClaimKind> KINDS = Map.of(
            String.class, ClaimKind.STRING,
            Long.class, ClaimKind.LONG, long.class, ClaimKind.LONG,
            Boolean.class, ClaimKind.BOOLEAN, boolean.class, ClaimKind.BOOLEAN,
            JsonValue.class, ClaimKind.JSON_VALUE,
            JsonString.class, ClaimKind.JSON_STRING,
            JsonNumber.class, ClaimKind.JSON_NUMBER,
            JsonArray.class, ClaimKind.JSON_ARRAY,
            JsonObject.class, ClaimKind.JSON_OBJECT);

    /**
     * The target of an injection point's type; {@code Provider<T>} and {@code Instance<T>} are read as {@code T}.
     *
     * @throws IllegalArgumentException naming what the specification does not allow
     */
    static ClaimTarget of(Type type) {
        Type injected = type;
        if (isParameterized(type, Provider.class) || isParameterized(type, Instance.class)) {
            injected = argument(type);
        }
        if (injected == ClaimValue.class) {
            return new ClaimTarget(ClaimKind.AS_RETURNED, false, true);
        }
        if (isParameterized(injected, ClaimValue.class)) {
            ClaimTarget inner = unwrapped(argument(injected));
            return new ClaimTarget(inner.kind, inner.optional, true);
        }
        return unwrapped(injected);
    }

    private static ClaimTarget unwrapped(Type type) {
        if (isParameterized(type, Optional.class)) {
            return new ClaimTarget(kindOf(argument(type)), true, false);
        }
        return new ClaimTarget(kindOf(type), false, false);
    }

    private static ClaimKind kindOf(Type type) {
        ClaimKind kind = KINDS.get(type);
        if (kind != null) {
            return kind;
        }
        if (isParameterized(type, Set.class) && argument(type) == String.class) {
            return ClaimKind.STRING_SET;
        }
        throw new IllegalArgumentException(type.getTypeName() + " is not a claim type of MicroProfile JWT 2.1"
                + " (String, Long, long, Boolean, boolean, Set<String>, JsonValue, JsonString, JsonNumber,"
                + " JsonArray, JsonObject, in Optional or ClaimValue or neither)");
    }

    private static boolean isParameterized(Type type, Class<?> raw) {
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() == raw;
    }

    private static Type argument(Type parameterized) {
        return ((ParameterizedType) parameterized).getActualTypeArguments()[0];
    }

    /**
     * A claim's value, possibly {@code null}, as this target's value without its {@code ClaimValue} wrapper.
     *
     * @throws ClaimTypeException when the value does not have this target's kind
     */
    Object valueOf(String claim, Object value, JsonProvider json) {
        Object converted = value == null ? null : kind.convert(claim, value, json);
        return optional ? Optional.ofNullable(converted) : converted;
    }
}
