package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JSON object of which some members were read up front and the whole object is read on demand: {@link #get} and
 * {@link #containsKey} answer from the members read for any name in {@code readNow}, and everything else reads the
 * whole object once. Most tokens are verified without anyone asking for the claims nobody decides on. Thread-safe.
 */
final class LazyJsonObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private final Set<String> readNow;
    // Once the whole object is read, the members read up front and the reader (which holds the decoded claims) are
    // let go: a cached token then holds the claims once, not twice.
    private volatile Map<String, JsonValue> values;
    private volatile Supplier<JsonObject> reader;
    private volatile JsonObject whole;

    /**
     * @param values  the members named in {@code readNow} that the object has
     * @param readNow the names whose presence and value {@code values} tells
     * @param reader  reads the whole object
     */
    LazyJsonObject(Map<String, JsonValue> values, Set<String> readNow, Supplier<JsonObject> reader) {
        this.values = values;
        this.readNow = readNow;
        this.reader = reader;
    }

    private JsonObject whole() {
        JsonObject object = whole;
        if (object == null) {
            synchronized (this) {
                object = whole;
                if (object == null) {
                    object = reader.get();
                    whole = object;
                    reader = null;
                    values = null;
                }
            }
        }
        return object;
    }

    /** The members read up front while the whole object is not read, else {@code null}. */
    private Map<String, JsonValue> readUpFront(Object name) {
        Map<String, JsonValue> read = values;
        return read != null && readNow.contains(name) ? read : null;
    }

    @Override
    public JsonValue get(Object name) {
        Map<String, JsonValue> read = readUpFront(name);
        return read != null ? read.get(name) : whole().get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        Map<String, JsonValue> read = readUpFront(name);
        return read != null ? read.containsKey(name) : whole().containsKey(name);
    }

    @Override
    public Set<Map.Entry<String, JsonValue>> entrySet() {
        return whole().entrySet();
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return (JsonArray) get(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return (JsonObject) get(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return (JsonNumber) get(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return (JsonString) get(name);
    }

    @Override
    public String getString(String name) {
        return getJsonString(name).getString();
    }

    @Override
    public String getString(String name, String defaultValue) {
        return get(name) instanceof JsonString string ? string.getString() : defaultValue;
    }

    @Override
    public int getInt(String name) {
        return getJsonNumber(name).intValue();
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return get(name) instanceof JsonNumber number ? number.intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member " + name);
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new ClassCastException("member " + name + " is not a boolean");
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        JsonValue value = get(name);
        return value == JsonValue.TRUE || value == JsonValue.FALSE ? value == JsonValue.TRUE : defaultValue;
    }

    @Override
    public boolean isNull(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member " + name);
        }
        return value == JsonValue.NULL;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    /** The object as JSON text, as the provider writes it. */
    @Override
    public String toString() {
        return whole().toString();
    }
}
