package dev.scalebench.config;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the sweep file's {@code threads:}: a count ({@code threads: 4}, the intra-op threads) or a map
 * ({@code threads: {intra: 4, inter: 1}}); each count 1..{@link Limits#THREADS_MAX}, or {@code auto} for the
 * default ({@link Threads}).
 */
final class ThreadsParser {

    /** Keys of the {@code threads:} map. */
    static final List<String> KEYS = List.of("intra", "inter");

    private final YamlWalker w;

    ThreadsParser(YamlWalker w) {
        this.w = w;
    }

    /** The thread counts, or {@code null} when an error was recorded. */
    Threads parse(Node n) {
        if (n instanceof MappingNode) {
            Map<String, Node> e = w.entries(n, "threads", KEYS);
            if (e == null) {
                return null;
            }
            Integer intra = e.containsKey("intra") ? count(e.get("intra"), "threads.intra") : Threads.AUTO;
            Integer inter = e.containsKey("inter") ? count(e.get("inter"), "threads.inter") : Threads.AUTO;
            return intra == null || inter == null ? null : new Threads(intra, inter);
        }
        Integer intra = count(n, "threads");
        return intra == null ? null : new Threads(intra, Threads.AUTO);
    }

    private Integer count(Node n, String param) {
        String t = w.text(n, param);
        if (t == null) {
            return null;
        }
        if (t.equalsIgnoreCase("auto")) {
            return Threads.AUTO;
        }
        Long v = w.integer(n, param + " (a count, or auto for the physical cores available)", 1, Limits.THREADS_MAX);
        return v == null ? null : v.intValue();
    }
}
