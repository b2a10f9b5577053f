package dev.tessera.claims;

import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.json.spi.JsonProvider;

/**
 * An injected {@link ClaimValue}: reads the claim from the current request's token on every {@link #getValue()},
 * so it is right in application-scoped beans too. Its {@code toString()} names the claim, never its value.
 */
final class LiveClaimValue<T> implements ClaimValue<T> {

    private final String name;
    private final ClaimTarget target;
    private final JsonWebToken caller;
    private final JsonProvider json;

    /**
     * @param caller the request-scoped token (a CDI proxy), read on each use
     */
    LiveClaimValue(String name, ClaimTarget target, JsonWebToken caller, JsonProvider json) {
        this.name = name;
        this.target = target;
        this.caller = caller;
        this.json = json;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
        return (T) target.valueOf(name, caller.getClaim(name), json);
    }

    @Override
    public String toString() {
        return "ClaimValue[" + name + "]";
    }
}
