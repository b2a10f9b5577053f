package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the configured roles claims into the caller's groups. A path is a claim name, or names joined by
 * {@code /} for nested objects ({@code realm_access/roles}, {@code resource_access/orders-api/roles}). A value
 * is an array of strings or a space-separated string ({@code scope}, RFC 6749 §3.3). A name containing
 * {@code ://} is one top-level claim, not a path: providers such as Auth0 require URL-named custom claims
 * ({@code https://example.com/roles}). The groups are the union over all paths; missing paths and other value
 * types contribute nothing. Built once.
 *
 * <p>Says what it does: the groups of each token at FINE, and once per issuer at WARNING when that issuer's tokens
 * carry none of the configured claims, the usual cause of "every caller is refused with 403".
 */
final class GroupMapping {

    private static final Logger LOG = Logger.getLogger(GroupMapping.class.getName());

    /** Issuers are trusted and few; the bound only keeps a misconfiguration from growing the set. */
    private static final int MAX_WARNED_ISSUERS = 64;

    private final List<String> rolesClaims;
    private final List<List<String>> paths;
    private final Set<String> warnedIssuers = ConcurrentHashMap.newKeySet();

    GroupMapping(List<String> rolesClaims) {
        this.rolesClaims = List.copyOf(rolesClaims);
        this.paths = rolesClaims.stream().map(GroupMapping::segments).toList();
    }

    /** The top-level claims the paths start at. */
    Set<String> topLevelClaims() {
        Set<String> names = new LinkedHashSet<>();
        paths.forEach(path -> names.add(path.get(0)));
        return names;
    }

    private static List<String> segments(String path) {
        return path.contains("://") ? List.of(path) : List.of(path.split("/"));
    }

    /** The groups named by the claims of an accepted token; unmodifiable, in token order. */
    Set<String> groupsOf(TokenClaims claims) {
        Set<String> groups = new LinkedHashSet<>();
        boolean anyClaim = false;
        for (List<String> path : paths) {
            JsonValue value = valueAt(claims.json(), path);
            anyClaim |= value != null;
            add(value, groups);
        }
        String issuer = claims.issuer().orElse("(no iss)");
        if (!anyClaim && !paths.isEmpty() && warnedIssuers.size() < MAX_WARNED_ISSUERS && warnedIssuers.add(issuer)) {
            LOG.warning(() -> "tokens of " + issuer + " carry no claim " + String.join(" or ", rolesClaims)
                    + "; callers get no groups");
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "Caller {0} of {1} gets the groups {2}",
                    new Object[] {claims.caller().orElse(null), issuer, groups});
        }
        return Collections.unmodifiableSet(groups);
    }

    private static JsonValue valueAt(JsonObject claims, List<String> path) {
        JsonValue value = claims;
        for (String name : path) {
            if (!(value instanceof JsonObject object)) {
                return null;
            }
            value = object.get(name);
        }
        return value;
    }

    private static void add(JsonValue value, Set<String> groups) {
        if (value instanceof JsonString string) {
            String text = string.getString();
            for (int start = 0, space; start < text.length(); start = space + 1) {
                space = text.indexOf(' ', start);
                if (space < 0) {
                    space = text.length();
                }
                if (space > start) {
                    groups.add(text.substring(start, space));
                }
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (element instanceof JsonString string && !string.getString().isEmpty()) {
                    groups.add(string.getString());
                }
            }
        }
    }
}
