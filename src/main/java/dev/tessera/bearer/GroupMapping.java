package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the configured roles claims into the caller's groups. A path is a claim name, or names joined by
 * {@code /} for nested objects ({@code realm_access/roles}, {@code resource_access/orders-api/roles}). A value
 * is an array of strings or a space-separated string ({@code scope}, RFC 6749 §3.3). A name containing
 * {@code ://} is one top-level claim, not a path: providers such as Auth0 require URL-named custom claims
 * ({@code https://example.com/roles}). The groups are the union over all paths; missing paths and other value
 * types contribute nothing. Built once.
 */
final class GroupMapping {

    private final List<List<String>> paths;

    GroupMapping(List<String> rolesClaims) {
        this.paths = rolesClaims.stream().map(GroupMapping::segments).toList();
    }

    static List<String> segments(String path) {
        return path.contains("://") ? List.of(path) : List.of(path.split("/"));
    }

    /** The groups named by the claims; unmodifiable, in token order. */
    Set<String> groupsOf(JsonObject claims) {
        Set<String> groups = new LinkedHashSet<>();
        for (List<String> path : paths) {
            add(valueAt(claims, path), groups);
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
