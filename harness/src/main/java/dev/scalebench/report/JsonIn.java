package dev.scalebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebench.ScalebenchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed access to one JSON object of a file being read, with errors that name the file, the field's path and
 * what was expected. A JSON {@code null} number reads as NaN; unknown fields are ignored.
 */
final class JsonIn {

    private final JsonNode node;
    private final String origin;
    private final String path;

    JsonIn(JsonNode node, String origin, String path) {
        this.node = node;
        this.origin = origin;
        this.path = path;
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object, found " + kind(node));
        }
    }

    private ScalebenchException error(String at, String what) {
        return ScalebenchException.badInput(origin + ": " + (at.isEmpty() ? "top level" : at) + ": " + what);
    }

    private static String kind(JsonNode n) {
        return n == null || n.isMissingNode() ? "nothing" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw error(at(name), "missing");
        }
        return v;
    }

    boolean has(String name) {
        return node.has(name);
    }

    String str(String name) {
        JsonNode v = field(name);
        if (!v.isTextual()) {
            throw error(at(name), "expected a string, found " + kind(v));
        }
        return v.textValue();
    }

    /** A string or null. */
    String strOrNull(String name) {
        JsonNode v = field(name);
        return v.isNull() ? null : str(name);
    }

    long lng(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(at(name), "expected an integer, found " + kind(v) + " " + v);
        }
        return v.longValue();
    }

    int integer(String name) {
        long v = lng(name);
        if (v != (int) v) {
            throw error(at(name), "integer out of range: " + v);
        }
        return (int) v;
    }

    boolean bool(String name) {
        JsonNode v = field(name);
        if (!v.isBoolean()) {
            throw error(at(name), "expected true or false, found " + kind(v));
        }
        return v.booleanValue();
    }

    double num(String name) {
        return number(field(name), at(name));
    }

    private double number(JsonNode v, String where) {
        if (v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual() && ("Infinity".equals(v.asText()) || "-Infinity".equals(v.asText()))) {
            return v.asText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!v.isNumber()) {
            throw error(where, "expected a number, \"Infinity\", \"-Infinity\" or null, found " + kind(v));
        }
        return v.doubleValue();
    }

    JsonIn obj(String name) {
        return new JsonIn(field(name), origin, at(name));
    }

    /** The object, or null when the field is JSON null. */
    JsonIn objOrNull(String name) {
        return field(name).isNull() ? null : obj(name);
    }

    private JsonNode array(String name) {
        JsonNode v = field(name);
        if (!v.isArray()) {
            throw error(at(name), "expected an array, found " + kind(v));
        }
        return v;
    }

    double[] doubles(String name) {
        JsonNode a = array(name);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), at(name) + "[" + i + "]");
        }
        return out;
    }

    List<String> strings(String name) {
        JsonNode a = array(name);
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
                throw error(at(name) + "[" + i + "]", "expected a string, found " + kind(a.get(i)));
            }
            out.add(a.get(i).textValue());
        }
        return out;
    }

    <T> List<T> list(String name, Function<JsonIn, T> read) {
        JsonNode a = array(name);
        List<T> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(read.apply(new JsonIn(a.get(i), origin, at(name) + "[" + i + "]")));
        }
        return out;
    }

    /** An object of numbers, in file order. */
    Map<String, Double> numberMap(String name) {
        JsonIn o = obj(name);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.node.properties()) {
            out.put(e.getKey(), number(e.getValue(), o.at(e.getKey())));
        }
        return out;
    }

    /** An object of integers, in file order. */
    Map<String, Integer> intMap(String name) {
        JsonIn o = obj(name);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.node.properties()) {
            out.put(e.getKey(), o.integer(e.getKey()));
        }
        return out;
    }

    /** An object of strings, in file order. */
    Map<String, String> stringMap(String name) {
        JsonIn o = obj(name);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.node.properties()) {
            out.put(e.getKey(), o.str(e.getKey()));
        }
        return out;
    }

    /** Maps a string field through {@code parse}, reporting an unknown value with the accepted ones. */
    <T> T parsed(String name, Function<String, T> parse, String expected) {
        String s = str(name);
        T v = parse.apply(s);
        if (v == null) {
            throw error(at(name), "unknown value '" + s + "' (expected " + expected + ")");
        }
        return v;
    }

    /** An error at this object. */
    ScalebenchException fail(String what) {
        return error(path, what);
    }
}
