package dev.scalebench.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Levels of a factor ({@code batch}, {@code seq}): an explicit list of integers ({@code [1, 4, 16]}), a single
 * integer, or a geometric range {@code {from: 1, to: 256, factor: 2}}.
 */
public final class Levels {
    private static final List<String> RANGE_KEYS = List.of("from", "to", "factor");

    private Levels() {
    }

    /**
     * The integer levels of a geometric range: {@code round(from·factor^i)} for i = 0, 1, … while not above
     * {@code to} ({@code to} is included when a step lands on it), duplicates after rounding removed.
     *
     * @throws IllegalArgumentException when {@code factor <= 1} or {@code to < from}
     */
    public static List<Integer> geometric(int from, int to, double factor) {
        if (!(factor > 1) || to < from || from < 1) {
            throw new IllegalArgumentException("bad range from " + from + " to " + to + " factor " + factor);
        }
        TreeSet<Integer> out = new TreeSet<>();
        double limit = to * (1 + 1e-9);
        for (int i = 0; ; i++) {
            double v = from * Math.pow(factor, i);
            if (v > limit) {
                break;
            }
            out.add((int) Math.min(to, Math.round(v)));
        }
        return List.copyOf(out);
    }

    /** Number of levels a range would expand to (before removing rounding duplicates). */
    static double rangeSize(int from, int to, double factor) {
        return Math.floor(Math.log((double) to / from) / Math.log(factor) + 1e-9) + 1;
    }

    /** Parses and validates a factor's levels; ascending, or {@code null} after recording errors. */
    static List<Integer> parse(YamlWalker w, Node n, String param, int max) {
        if (n instanceof MappingNode) {
            return range(w, n, param, max);
        }
        List<Node> items = w.items(n, param, true);
        if (items == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        boolean ok = true;
        for (Node item : items) {
            Long v = w.integer(item, param + " level", 1, max);
            if (v == null) {
                ok = false;
            } else if (seen.containsKey(v)) {
                w.error(item, "duplicate " + param + " level " + v + " (also at line " + seen.get(v) + ")");
                ok = false;
            } else {
                seen.put(v, YamlWalker.line(item));
                out.add(v.intValue());
            }
        }
        out.sort(null);
        return ok ? out : null;
    }

    private static List<Integer> range(YamlWalker w, Node n, String param, int max) {
        Map<String, Node> e = w.entries(n, param + " range", RANGE_KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, n, param + " range", "from", "to");
        Long from = e.containsKey("from") ? w.integer(e.get("from"), param + " range from", 1, max) : null;
        Long to = e.containsKey("to") ? w.integer(e.get("to"), param + " range to", 1, max) : null;
        Double factor = Defaults.RANGE_FACTOR;
        if (e.containsKey("factor")) {
            factor = w.number(e.get("factor"), param + " range factor");
            if (factor != null && !(factor > 1)) {
                w.error(e.get("factor"), param + " range factor " + factor + " must be > 1");
                factor = null;
            }
        }
        if (from == null || to == null || factor == null) {
            return null;
        }
        if (to < from) {
            w.error(e.get("to"), param + " range to " + to + " must be >= from " + from);
            return null;
        }
        if (rangeSize(from.intValue(), to.intValue(), factor) > Limits.LEVELS_MAX) {
            w.error(e.get("factor"), param + " range from " + from + " to " + to + " by factor " + factor
                    + " gives more than " + Limits.LEVELS_MAX + " levels");
            return null;
        }
        return geometric(from.intValue(), to.intValue(), factor);
    }
}
