package dev.tessera.demo;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;

/** The demo's data: three fixed orders. */
final class Orders {

    /** Created once: {@code Json.createXxx} would look the JSON-P provider up on every call. */
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    record Order(String id, String item, boolean open) {
    }

    static final List<Order> ALL = List.of(
            new Order("1001", "coffee beans", true),
            new Order("1002", "espresso machine", false),
            new Order("1003", "milk jug", true));

    private Orders() {
    }

    static JsonArray asJson() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        ALL.forEach(order -> array.add(JSON.createObjectBuilder()
                .add("id", order.id()).add("item", order.item()).add("open", order.open())));
        return array.build();
    }
}
