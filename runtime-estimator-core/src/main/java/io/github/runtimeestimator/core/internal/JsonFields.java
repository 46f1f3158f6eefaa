package io.github.runtimeestimator.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.runtimeestimator.core.SpecValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object by hand, with the JSON path of each field in every failure
 * ({@code operators[3].k = 0: must be >= 1}), and refuses keys nobody read. Not API: used by the graph, Hugging
 * Face config and model catalogue readers of this module.
 */
public final class JsonFields {
    private static final double LARGEST_EXACT_DOUBLE = 9.007199254740992E15;

    private final ObjectNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of {@code node}, which must be an object, found at {@code path} ("" for the document). */
    public static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new SpecValidationException(path.isEmpty() ? "$" : path, node == null ? null : kindOf(node),
                    "must be a JSON object");
        }
        return new JsonFields((ObjectNode) node, path);
    }

    /** The path of the object itself ("" for the document root). */
    public String path() {
        return path;
    }

    /** The path of one of its keys ({@code operators[3].k}). */
    public String path(String key) {
        return child(path, key);
    }

    /** {@code parent.key}, or {@code key} at the root. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public ObjectNode node() {
        return node;
    }

    /** True when the key is present and not null. */
    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The raw value of a key (marked as read), or null when absent. */
    public JsonNode get(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Marks keys as read without reading them (keys a reader knows and ignores). */
    public JsonFields ignore(Collection<String> keys) {
        read.addAll(keys);
        return this;
    }

    public String text(String key, String ifAbsent) {
        JsonNode v = get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!v.isTextual()) {
            throw new SpecValidationException(path(key), v, "must be a string");
        }
        return v.asText();
    }

    public String requiredText(String key) {
        String v = text(key, null);
        if (v == null || v.isBlank()) {
            throw new SpecValidationException(path(key), v, "is required and must not be blank");
        }
        return v;
    }

    public boolean bool(String key, boolean ifAbsent) {
        JsonNode v = get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!v.isBoolean()) {
            throw new SpecValidationException(path(key), v, "must be true or false");
        }
        return v.booleanValue();
    }

    /** A whole number (an integral JSON number; {@code 128.0} reads as 128). */
    public long wholeNumber(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw new SpecValidationException(path(key), null, "is required");
        }
        return wholeNumber(path(key), v);
    }

    public long wholeNumber(String key, long ifAbsent) {
        JsonNode v = get(key);
        return v == null ? ifAbsent : wholeNumber(path(key), v);
    }

    public int wholeInt(String key, int ifAbsent) {
        long v = wholeNumber(key, ifAbsent);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new SpecValidationException(path(key), v, "must fit in an int");
        }
        return (int) v;
    }

    /** {@code v} as a whole number, failing with {@code field} when it is not one. */
    public static long wholeNumber(String field, JsonNode v) {
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new SpecValidationException(field, v, "must be a whole number that fits in a long");
            }
            return v.longValue();
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= LARGEST_EXACT_DOUBLE) {
                return (long) d;
            }
        }
        throw new SpecValidationException(field, v, "must be a whole number");
    }

    /** A finite number. */
    public double number(String key, double ifAbsent) {
        JsonNode v = get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new SpecValidationException(path(key), v, "must be a number");
        }
        return v.doubleValue();
    }

    public double requiredNumber(String key) {
        if (!has(key)) {
            read.add(key);
            throw new SpecValidationException(path(key), null, "is required");
        }
        return number(key, Double.NaN);
    }

    /** Fails on the first key that was not read, naming the known ones. */
    public void refuseUnknown(String what, Collection<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!read.contains(key)) {
                List<String> sorted = new ArrayList<>(known);
                throw new SpecValidationException(path(key), node.get(key), "is not a key of " + what
                        + "; known: " + String.join(", ", sorted));
            }
        }
    }

    private static String kindOf(JsonNode node) {
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
