package dev.tessera.bearer;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An object of a token part as {@link AsciiJsonParser} reads it: the outermost one, and a nested one when it is asked
 * for. Its strings without escapes, arrays and objects were checked while parsing, but are made only when asked for,
 * and then kept: most claims of a token are never read, so they cost no objects. Numbers, literals and strings with
 * escapes are the JSON-P provider's values, made while parsing.
 *
 * <p>It behaves as JSON-P's objects do: an unmodifiable map in document order, equal to any map of equal values,
 * written as JSON by {@code toString()}, with the getters and failures of JSON-P's. Thread-safe: a value made on
 * request is published with release/acquire semantics, and two threads that make the same value make equal ones.
 */
final class TokenJsonObject extends AbstractMap<String, JsonValue> implements JsonObject {

    /** Marks a member whose value is the array or object at its value start. */
    private static final int STRUCTURE = -1;
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(JsonValue[].class);

    private final AsciiJsonParser parser;
    private final byte[] json;
    private final int size;
    /** The {@link #fingerprint} of each name. */
    private final int[] fingerprints;
    /**
     * Four per member: start and end of the name's text; start and end of a plain string value's text (no quotes),
     * or the start of an array or object and {@link #STRUCTURE}.
     */
    private final int[] spans;
    /** The decoded name of a member whose name has escapes; {@code null} for a name readable in place. */
    private final String[] decodedNames;
    /** Each member's value once made; accessed through {@link #VALUES} only after construction. */
    private final JsonValue[] values;

    private TokenJsonObject(Members members) {
        this.parser = members.parser;
        this.json = members.json;
        this.size = members.size;
        this.fingerprints = members.fingerprints;
        this.spans = members.spans;
        this.decodedNames = members.decodedNames;
        this.values = members.values;
    }

    @Override
    public JsonValue get(Object key) {
        int i = key instanceof String name ? indexOf(name) : -1;
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(nameAt(i), valueAt(i));
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
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
        return get(name).equals(JsonValue.NULL);
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    /** The object as JSON text, written by the provider as it writes its own objects. */
    @Override
    public String toString() {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = parser.provider().createWriter(text)) {
            writer.write(this);
        }
        return text.toString();
    }

    /**
     * The type of a member's value, or {@code null} when there is no such member; for a {@code TokenJsonObject}
     * without making the value.
     */
    static ValueType typeOf(JsonObject object, String name) {
        if (object instanceof TokenJsonObject lazy) {
            int i = lazy.indexOf(name);
            return i < 0 ? null : lazy.typeAt(i);
        }
        JsonValue value = object.get(name);
        return value == null ? null : value.getValueType();
    }

    private ValueType typeAt(int i) {
        JsonValue value = (JsonValue) VALUES.getAcquire(values, i);
        if (value != null) {
            return value.getValueType();
        }
        if (spans[4 * i + 3] != STRUCTURE) {
            return ValueType.STRING;
        }
        return json[spans[4 * i + 2]] == '{' ? ValueType.OBJECT : ValueType.ARRAY;
    }

    private int indexOf(String name) {
        int fingerprint = fingerprint(name);
        for (int i = 0; i < size; i++) {
            if (fingerprints[i] == fingerprint && nameEquals(i, name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameEquals(int i, String name) {
        if (decodedNames[i] != null) {
            return decodedNames[i].equals(name);
        }
        int start = spans[4 * i];
        int length = spans[4 * i + 1] - start;
        if (name.length() != length) {
            return false;
        }
        for (int c = 0; c < length; c++) {
            if (name.charAt(c) != json[start + c]) { // plain names are printable ASCII
                return false;
            }
        }
        return true;
    }

    private String nameAt(int i) {
        return decodedNames[i] != null ? decodedNames[i] : text(json, spans[4 * i], spans[4 * i + 1]);
    }

    private JsonValue valueAt(int i) {
        JsonValue value = (JsonValue) VALUES.getAcquire(values, i);
        if (value == null) {
            int start = spans[4 * i + 2];
            int end = spans[4 * i + 3];
            value = end == STRUCTURE ? parser.structureAt(json, start) : parser.provider().createValue(text(json, start, end));
            VALUES.setRelease(values, i, value);
        }
        return value;
    }

    private static String text(byte[] json, int start, int end) {
        return new String(json, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Cheaper than a hash and as good for names of claims: the length, the first and the last character. */
    private static int fingerprint(String name) {
        int length = name.length();
        return length == 0 ? 0 : length << 16 ^ name.charAt(0) << 8 ^ name.charAt(length - 1);
    }

    /** {@link #fingerprint(String)} of the Latin-1 text {@code json[start, end)}. */
    static int fingerprint(byte[] json, int start, int end) {
        int length = end - start;
        return length == 0 ? 0 : length << 16 ^ (json[start] & 0xFF) << 8 ^ (json[end - 1] & 0xFF);
    }

    /**
     * The members of an object while it is parsed. Refuses a repeated name, and more than {@link #MAX_SIZE}
     * members, so that finding repeated names stays cheap: larger objects are left to the building path.
     */
    static final class Members {

        /** More than any real token has; the search for repeated names costs at most ~2,000 comparisons. */
        static final int MAX_SIZE = 64;

        private final AsciiJsonParser parser;
        private final byte[] json;
        private int size;
        /** One bit per name, chosen by its fingerprint: a name whose bit is clear is certainly not repeated. */
        private long seen;
        private int[] fingerprints;
        private int[] spans;
        private String[] decodedNames;
        private JsonValue[] values;

        /** @param capacity the number of members expected; more are taken, up to {@link #MAX_SIZE} */
        Members(AsciiJsonParser parser, byte[] json, int capacity) {
            this.parser = parser;
            this.json = json;
            capacity = Math.max(1, Math.min(capacity, MAX_SIZE));
            this.fingerprints = new int[capacity];
            this.spans = new int[4 * capacity];
            this.decodedNames = new String[capacity];
            this.values = new JsonValue[capacity];
        }

        /** Whether the object has {@link #MAX_SIZE} members, so that another would be refused. */
        boolean full() {
            return size == MAX_SIZE;
        }

        /**
         * Adds a member named {@code json[nameStart, nameEnd)}, or {@code decodedName} when that has escapes.
         *
         * @return false when the name is already a member (SECURITY.md row 10) or the object is full; nothing is added
         */
        boolean add(int nameStart, int nameEnd, String decodedName, JsonValue value) {
            return add(nameStart, nameEnd, decodedName, value, 0, 0);
        }

        /** Adds a member whose value is the plain string {@code json[start, end)}, as {@link #add}. */
        boolean addString(int nameStart, int nameEnd, String decodedName, int start, int end) {
            return add(nameStart, nameEnd, decodedName, null, start, end);
        }

        /** Adds a member whose value is the checked array or object at {@code json[start]}, as {@link #add}. */
        boolean addStructure(int nameStart, int nameEnd, String decodedName, int start) {
            return add(nameStart, nameEnd, decodedName, null, start, STRUCTURE);
        }

        JsonObject build() {
            return new TokenJsonObject(this);
        }

        private boolean add(int nameStart, int nameEnd, String decodedName, JsonValue value, int valueStart, int valueEnd) {
            int fingerprint = decodedName != null ? fingerprint(decodedName) : fingerprint(json, nameStart, nameEnd);
            long bit = 1L << (fingerprint * 0x9E3779B9 >>> 26); // the top six bits of a Fibonacci hash
            if ((seen & bit) != 0) {
                for (int i = 0; i < size; i++) {
                    if (fingerprints[i] == fingerprint && sameName(i, nameStart, nameEnd, decodedName)) {
                        return false;
                    }
                }
            }
            if (size == MAX_SIZE) {
                return false;
            }
            if (size == fingerprints.length) {
                int capacity = Math.min(2 * size, MAX_SIZE);
                fingerprints = Arrays.copyOf(fingerprints, capacity);
                spans = Arrays.copyOf(spans, 4 * capacity);
                decodedNames = Arrays.copyOf(decodedNames, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            seen |= bit;
            fingerprints[size] = fingerprint;
            spans[4 * size] = nameStart;
            spans[4 * size + 1] = nameEnd;
            spans[4 * size + 2] = valueStart;
            spans[4 * size + 3] = valueEnd;
            decodedNames[size] = decodedName;
            values[size] = value;
            size++;
            return true;
        }

        private boolean sameName(int i, int nameStart, int nameEnd, String decodedName) {
            if (decodedName == null && decodedNames[i] == null) {
                return Arrays.equals(json, spans[4 * i], spans[4 * i + 1], json, nameStart, nameEnd);
            }
            String name = decodedNames[i] != null ? decodedNames[i] : text(json, spans[4 * i], spans[4 * i + 1]);
            return name.equals(decodedName != null ? decodedName : text(json, nameStart, nameEnd));
        }
    }
}
