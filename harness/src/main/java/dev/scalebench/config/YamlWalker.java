package dev.scalebench.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a snakeyaml node tree (which keeps line numbers) and collects every problem as a {@link SpecError};
 * each getter returns {@code null} after recording an error, so validation goes on past the first problem. Used by
 * the sweep and model loaders and by other YAML readers (hardware profiles).
 */
public final class YamlWalker {
    private final String file;
    private final List<SpecError> errors = new ArrayList<>();

    /** A walker that names {@code file} in its errors. */
    public YamlWalker(String file) {
        this.file = file;
    }

    /** The file named in errors. */
    public String file() {
        return file;
    }

    /** The problems found so far, in order. */
    public List<SpecError> errors() {
        return errors;
    }

    /** Whether any problem was found. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The 1-based line a node starts on, 0 for {@code null}. */
    public static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /** Records a problem at the line of {@code at}. */
    public void error(Node at, String message) {
        error(line(at), message);
    }

    /** Records a problem at {@code line} (0 when unknown). */
    public void error(int line, String message) {
        errors.add(new SpecError(file, line, message));
    }

    /** Parses one YAML document to its root node; records syntax errors and returns {@code null} then. */
    public Node parse(String text) {
        try {
            Iterator<Node> docs = new Yaml(new LoaderOptions()).composeAll(new StringReader(text)).iterator();
            Node root = docs.hasNext() ? docs.next() : null;
            if (root == null || isNull(root)) {
                error(1, "the file is empty");
                return null;
            }
            if (docs.hasNext()) {
                error(docs.next(), "only one YAML document is allowed per file");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String ctx = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            error(mark == null ? 0 : mark.getLine() + 1, "YAML syntax error: " + what + ctx);
            return null;
        } catch (YAMLException e) {
            error(0, "YAML error: " + e.getMessage());
            return null;
        }
    }

    /** Whether a node is YAML null or blank. */
    public static boolean isNull(Node n) {
        return n instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || s.getValue().isBlank());
    }

    /** How a value reads in a message: its text quoted, or "a list", "a map", "nothing". */
    public static String show(Node n) {
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof MappingNode) {
            return "a map";
        }
        return isNull(n) ? "nothing" : "'" + ((ScalarNode) n).getValue() + "'";
    }

    /**
     * The entries of a map, by key; reports a value that is not a map, non-scalar keys, duplicate keys and keys
     * not in {@code known} (with the nearest known key as a suggestion). Returns {@code null} when not a map.
     */
    public Map<String, Node> entries(Node node, String what, List<String> known) {
        if (!(node instanceof MappingNode m)) {
            error(node, what + " must be a map (key: value), not " + show(node));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                error(k, "keys of " + what + " must be plain names, not " + show(k));
                continue;
            }
            String key = ks.getValue();
            if (!known.contains(key)) {
                String near = nearest(key, known);
                error(k, "unknown key '" + key + "' in " + what + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; known keys: " + String.join(", ", known));
            } else if (keyLines.containsKey(key)) {
                error(k, "duplicate key '" + key + "' in " + what + " (first at line " + keyLines.get(key) + ")");
            } else {
                keyLines.put(key, line(k));
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    /** Records an error for each required key that is missing. */
    public void require(Map<String, Node> entries, Node at, String what, String... keys) {
        for (String k : keys) {
            if (!entries.containsKey(k)) {
                error(at, "missing required key '" + k + "' in " + what);
            }
        }
    }

    /** A non-empty scalar's text. */
    public String text(Node n, String param) {
        if (!(n instanceof ScalarNode s)) {
            error(n, param + " must be a single value, not " + show(n));
            return null;
        }
        if (isNull(n)) {
            error(n, param + " must not be empty");
            return null;
        }
        return s.getValue().trim();
    }

    /** An integer in {@code [min, max]}. */
    public Long integer(Node n, String param, long min, long max) {
        String t = text(n, param);
        if (t == null) {
            return null;
        }
        BigInteger v;
        try {
            v = new BigInteger(t.replace("_", "").replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            error(n, param + " must be an integer, not '" + t + "'");
            return null;
        }
        String range = " (allowed " + min + ".." + max + ")";
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            error(n, param + " " + v + " must be >= " + min + range);
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            error(n, param + " " + v + " must be <= " + max + range);
            return null;
        }
        return v.longValue();
    }

    /** A number in {@code [min, maxExclusive)}. */
    public Double fraction(Node n, String param, double min, double maxExclusive) {
        Double v = number(n, param);
        if (v != null && (v < min || v >= maxExclusive)) {
            error(n, param + " " + v + " must be in [" + min + ", " + maxExclusive + ")");
            return null;
        }
        return v;
    }

    /** A finite number. */
    public Double number(Node n, String param) {
        String t = text(n, param);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t.replace("_", ""));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(n, param + " must be a number, not '" + t + "'");
        return null;
    }

    /** A duration greater than zero ({@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 2h}). */
    public Duration duration(Node n, String param) {
        String t = text(n, param);
        if (t == null) {
            return null;
        }
        Duration d = Units.parseDuration(t);
        if (d == null) {
            error(n, param + " '" + t + "' is not a duration (write e.g. 500ms, 2s, 1m30s, 2h)");
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            error(n, param + " " + t + " must be > 0");
            return null;
        }
        return d;
    }

    /** {@code true} or {@code false}. */
    public Boolean bool(Node n, String param) {
        String t = text(n, param);
        if (t == null) {
            return null;
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.toLowerCase(java.util.Locale.ROOT));
        }
        error(n, param + " must be true or false, not '" + t + "'");
        return null;
    }

    /**
     * The items of a list (reported when empty); a single scalar counts as a one-item list when
     * {@code scalarAllowed}. Returns {@code null} after an error.
     */
    public List<Node> items(Node n, String param, boolean scalarAllowed) {
        if (n instanceof SequenceNode s) {
            if (s.getValue().isEmpty()) {
                error(n, param + " must not be an empty list");
                return null;
            }
            return s.getValue();
        }
        if (scalarAllowed && n instanceof ScalarNode && !isNull(n)) {
            return List.of(n);
        }
        error(n, param + " must be a list" + (scalarAllowed ? " or a single value" : "") + ", not " + show(n));
        return null;
    }

    /** The known name closest to {@code s} by edit distance, or {@code null} when none is close. */
    public static String nearest(String s, Collection<String> known) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(s.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = k;
            }
        }
        return best != null && bestDist <= Math.max(1, s.length() / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
