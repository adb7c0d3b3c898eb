package dev.scalebench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a document against the Bencher Metric Format as Bencher documents it
 * (https://bencher.dev/docs/reference/bencher-metric-format): first against Bencher's own JSON schema
 * ({@code src/test/resources/bencher/bmf.json}, a copy of https://bencher.dev/bmf.json, interpreted here for the
 * draft-07 keywords it uses: {@code type}, {@code patternProperties}, {@code properties}, {@code required}), then
 * against what the reference's prose adds and what scalebench promises: benchmark names of 1 to 1024 characters,
 * measure slugs of at most 64 (kebab case), no keys beside {@code value}, {@code lower_value} and
 * {@code upper_value}, finite numbers, {@code lower_value ≤ value ≤ upper_value}.
 */
public final class BmfFormat {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> KEYS = Set.of("value", "lower_value", "upper_value");

    private BmfFormat() {
    }

    /** Bencher's schema, as published. */
    static JsonNode schema() {
        try (InputStream in = BmfFormat.class.getResourceAsStream("/bencher/bmf.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code text} as a BMF document, one line each; empty when nothing is. */
    public static List<String> problems(String text) {
        JsonNode doc;
        try {
            doc = JSON.readTree(text); // strict JSON: NaN and Infinity do not parse
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        List<String> out = new ArrayList<>();
        validate(schema(), doc, "$", out);
        if (!doc.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> b = doc.fields(); b.hasNext();) {
            Map.Entry<String, JsonNode> bench = b.next();
            String name = bench.getKey();
            if (name.isEmpty() || name.length() > 1024) {
                out.add("benchmark name of " + name.length() + " characters: '" + name + "'");
            }
            if (bench.getValue().isEmpty()) {
                out.add(name + ": no measure");
            }
            for (Iterator<Map.Entry<String, JsonNode>> m = bench.getValue().fields(); m.hasNext();) {
                Map.Entry<String, JsonNode> measure = m.next();
                String where = name + " / " + measure.getKey();
                if (measure.getKey().length() > 64 || !SLUG.matcher(measure.getKey()).matches()) {
                    out.add(where + ": not a measure slug (kebab case, at most 64 characters)");
                }
                metric(measure.getValue(), where, out);
            }
        }
        return out;
    }

    private static void metric(JsonNode metric, String where, List<String> out) {
        for (Iterator<String> k = metric.fieldNames(); k.hasNext();) {
            String key = k.next();
            if (!KEYS.contains(key)) {
                out.add(where + ": unknown key " + key);
            }
        }
        JsonNode v = metric.get("value");
        if (v == null || !v.isNumber()) {
            return; // the schema check said so
        }
        double value = v.doubleValue();
        if (!Double.isFinite(value)) {
            out.add(where + ": value " + v + " is not finite");
        }
        JsonNode lo = metric.get("lower_value");
        JsonNode hi = metric.get("upper_value");
        if (lo != null && lo.isNumber() && lo.doubleValue() > value) {
            out.add(where + ": lower_value " + lo + " > value " + v);
        }
        if (hi != null && hi.isNumber() && hi.doubleValue() < value) {
            out.add(where + ": upper_value " + hi + " < value " + v);
        }
    }

    /** The draft-07 keywords Bencher's schema uses, applied to {@code node} at {@code path}. */
    private static void validate(JsonNode schema, JsonNode node, String path, List<String> out) {
        JsonNode type = schema.get("type");
        if (type != null && !hasType(node, type.asText())) {
            out.add(path + ": " + node.getNodeType() + " where the schema wants " + type.asText());
            return;
        }
        JsonNode required = schema.get("required");
        if (required != null) {
            required.forEach(r -> {
                if (!node.has(r.asText())) {
                    out.add(path + ": required '" + r.asText() + "' is missing");
                }
            });
        }
        JsonNode properties = schema.get("properties");
        JsonNode patterns = schema.get("patternProperties");
        for (Iterator<Map.Entry<String, JsonNode>> f = node.fields(); f.hasNext();) {
            Map.Entry<String, JsonNode> e = f.next();
            String at = path + "[" + JSON.getNodeFactory().textNode(e.getKey()) + "]";
            if (properties != null && properties.has(e.getKey())) {
                validate(properties.get(e.getKey()), e.getValue(), at, out);
            }
            if (patterns != null) {
                for (Iterator<Map.Entry<String, JsonNode>> p = patterns.fields(); p.hasNext();) {
                    Map.Entry<String, JsonNode> pattern = p.next();
                    if (Pattern.compile(pattern.getKey()).matcher(e.getKey()).find()) {
                        validate(pattern.getValue(), e.getValue(), at, out);
                    }
                }
            }
        }
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "number" -> node.isNumber();
            case "string" -> node.isTextual();
            case "array" -> node.isArray();
            default -> throw new IllegalArgumentException("schema type " + type + " is not interpreted here");
        };
    }
}
