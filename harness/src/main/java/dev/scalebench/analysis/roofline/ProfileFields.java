package dev.scalebench.analysis.roofline;

import dev.scalebench.config.YamlWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Typed getters over the entries of one hardware profile file; each records an error and returns a blank. */
final class ProfileFields {
    private final YamlWalker w;
    private final Map<String, Node> e;

    ProfileFields(YamlWalker w, Map<String, Node> entries) {
        this.w = w;
        this.e = entries;
    }

    String text(String key) {
        return e.containsKey(key) ? w.text(e.get(key), key) : null;
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = e.containsKey(key) ? w.items(e.get(key), key, true) : null;
        if (items != null) {
            for (Node n : items) {
                String s = w.text(n, key + " entry");
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** A positive finite number; NaN when missing or wrong. */
    double positive(String key) {
        return e.containsKey(key) ? positive(e.get(key), key) : Double.NaN;
    }

    private double positive(Node n, String what) {
        Double v = w.number(n, what);
        if (v == null) {
            return Double.NaN;
        }
        if (v <= 0) {
            w.error(n, what + " must be > 0, not " + w.text(n, what));
            return Double.NaN;
        }
        return v;
    }

    /** A whole number >= {@code min} (written plainly or as {@code 80e9}); NaN when missing or wrong. */
    double whole(String key, long min) {
        if (!e.containsKey(key)) {
            return Double.NaN;
        }
        Node n = e.get(key);
        Double v = w.number(n, key);
        if (v == null) {
            return Double.NaN;
        }
        if (v != Math.rint(v) || v < min || v > Long.MAX_VALUE) {
            w.error(n, key + " must be a whole number >= " + min + ", not " + w.text(n, key));
            return Double.NaN;
        }
        return v;
    }

    /** A map of dtype to positive FLOP/s. */
    Map<String, Double> peaks(String key, List<String> dtypes) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!e.containsKey(key)) {
            return out;
        }
        Map<String, Node> m = w.entries(e.get(key), key, dtypes);
        if (m == null) {
            return out;
        }
        if (m.isEmpty()) {
            w.error(e.get(key), key + " must name at least one dtype (" + String.join(", ", dtypes) + ")");
        }
        m.forEach((dtype, n) -> {
            double v = positive(n, key + "." + dtype);
            if (!Double.isNaN(v)) {
                out.put(dtype, v);
            }
        });
        return out;
    }

    /** The sources map: one non-empty text per number given in the file, and only for those. */
    Map<String, String> sources(String key, List<String> numbers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!e.containsKey(key)) {
            return out;
        }
        Map<String, Node> m = w.entries(e.get(key), key, numbers);
        if (m == null) {
            return out;
        }
        m.forEach((field, n) -> {
            String s = w.text(n, key + "." + field);
            if (s != null) {
                out.put(field, s);
            }
            if (!e.containsKey(field)) {
                w.error(n, key + " names " + field + ", which the profile does not give");
            }
        });
        for (String field : numbers) {
            if (e.containsKey(field) && !m.containsKey(field)) {
                w.error(e.get(field), field + " has no source: add '" + field + ": <where the number comes from>'"
                        + " under " + key);
            }
        }
        return out;
    }
}
