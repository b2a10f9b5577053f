package dev.tessera.claims;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Produces {@code @Claim} values from the current caller's {@link JsonWebToken}. The producers are {@code @Dependent}:
 * a raw or JSON-P value is taken when its bean is created, while {@code ClaimValue}, {@code Provider} and
 * {@code Instance} read the current request's token on use. An enabled alternative, so it wins over the producers
 * of Liberty's {@code mpJwt} feature when that feature is on. The injection point's type is read once per type and
 * kept; per injection, only the qualifier's claim name is read.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class ClaimProducer {

    private final Map<Type, ClaimTarget> targets = new ConcurrentHashMap<>();
    private final JsonProvider json = JsonProvider.provider();

    @Inject
    JsonWebToken caller;

    @Produces
    @Claim
    @Typed(String.class)
    String string(InjectionPoint injectionPoint) {
        return (String) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(Long.class)
    Long number(InjectionPoint injectionPoint) {
        return (Long) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(Boolean.class)
    Boolean bool(InjectionPoint injectionPoint) {
        return (Boolean) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(Set.class)
    @SuppressWarnings("unchecked")
    Set<String> strings(InjectionPoint injectionPoint) {
        return (Set<String>) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(JsonValue.class)
    JsonValue jsonValue(InjectionPoint injectionPoint) {
        return (JsonValue) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(JsonString.class)
    JsonString jsonString(InjectionPoint injectionPoint) {
        return (JsonString) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(JsonNumber.class)
    JsonNumber jsonNumber(InjectionPoint injectionPoint) {
        return (JsonNumber) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(JsonArray.class)
    JsonArray jsonArray(InjectionPoint injectionPoint) {
        return (JsonArray) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(JsonObject.class)
    JsonObject jsonObject(InjectionPoint injectionPoint) {
        return (JsonObject) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(Optional.class)
    @SuppressWarnings("unchecked")
    <T> Optional<T> optional(InjectionPoint injectionPoint) {
        return (Optional<T>) value(injectionPoint);
    }

    @Produces
    @Claim
    @Typed(ClaimValue.class)
    <T> ClaimValue<T> claimValue(InjectionPoint injectionPoint) {
        return new LiveClaimValue<>(nameAt(injectionPoint), targetAt(injectionPoint), caller, json);
    }

    private Object value(InjectionPoint injectionPoint) {
        String name = nameAt(injectionPoint);
        return targetAt(injectionPoint).valueOf(name, caller.getClaim(name), json);
    }

    private ClaimTarget targetAt(InjectionPoint injectionPoint) {
        return targets.computeIfAbsent(injectionPoint.getType(), ClaimTarget::of);
    }

    private static String nameAt(InjectionPoint injectionPoint) {
        return ClaimName.of(claimOf(injectionPoint.getQualifiers()));
    }

    /** The {@code @Claim} among an injection point's qualifiers, or {@code null}. */
    static Claim claimOf(Set<Annotation> qualifiers) {
        for (Annotation qualifier : qualifiers) {
            if (qualifier instanceof Claim claim) {
                return claim;
            }
        }
        return null;
    }
}
