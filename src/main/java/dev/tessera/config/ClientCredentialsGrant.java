package dev.tessera.config;

import java.net.URI;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a client credentials grant (RFC 6749 §4.4.2) besides client authentication.
 *
 * @param scope           requested scope values (RFC 6749 §3.3), sent space-separated; may be empty
 * @param audience        the {@code audience} parameter many providers require
 * @param resources       {@code resource} indicators (RFC 8707 §2): absolute URIs without fragment
 * @param extraParameters further parameters, sent as they are ({@code tessera.client.<name>.param.<key>})
 */
public record ClientCredentialsGrant(Set<String> scope, Optional<String> audience, List<URI> resources,
        Map<String, String> extraParameters) {

    /** Parameter names Tessera sets itself; an extra parameter may not use them. */
    public static final Set<String> RESERVED = Set.of("grant_type", "scope", "audience", "resource", "client_id",
            "client_secret", "client_assertion", "client_assertion_type");

    public ClientCredentialsGrant {
        scope = Set.copyOf(scope);
        Objects.requireNonNull(audience, "audience");
        resources = List.copyOf(resources);
        extraParameters = Map.copyOf(extraParameters);
        requireScopeSyntax(scope);
        for (URI resource : resources) {
            if (!resource.isAbsolute() || resource.getFragment() != null) {
                throw new SettingRefusedException("resource", "'" + resource + "' is not an absolute URI without fragment (RFC 8707 §2)");
            }
        }
        for (String name : extraParameters.keySet()) {
            if (name.isEmpty() || RESERVED.contains(name)) {
                throw new SettingRefusedException("param." + name, "parameter '" + name
                        + "' cannot be set this way; use the dedicated key");
            }
        }
    }

    /** Refuses scope values that RFC 6749 §3.3 does not allow ({@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}). */
    static void requireScopeSyntax(Set<String> scope) {
        for (String value : scope) {
            if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x21 || c == 0x22 || c == 0x5c || c > 0x7e)) {
                throw new SettingRefusedException("scope", "a scope value contains characters RFC 6749 §3.3 does not allow");
            }
        }
    }

    /** Every parameter of the grant in request order, starting with {@code grant_type}; names may repeat. */
    public List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(new SimpleImmutableEntry<>("grant_type", "client_credentials"));
        if (!scope.isEmpty()) {
            parameters.add(new SimpleImmutableEntry<>("scope", String.join(" ", scope.stream().sorted().toList())));
        }
        audience.ifPresent(a -> parameters.add(new SimpleImmutableEntry<>("audience", a)));
        resources.forEach(r -> parameters.add(new SimpleImmutableEntry<>("resource", r.toString())));
        extraParameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(parameters::add);
        return List.copyOf(parameters);
    }

    @Override
    public String toString() {
        // extra parameter values may be secrets (API keys): names only
        return "ClientCredentialsGrant[scope=" + scope + ", audience=" + audience.orElse("-") + ", resources=" + resources
                + ", extraParameters=" + new java.util.TreeSet<>(extraParameters.keySet()) + "]";
    }
}
