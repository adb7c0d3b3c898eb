package dev.scalebench.config;

import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code measure:} section; every omitted field takes its value from {@link Defaults}. */
final class MeasureParser {
    private static final List<String> KEYS = List.of("warmup", "iterations", "target-ci", "trial-timeout");
    private static final List<String> WARMUP_KEYS = List.of("min-iterations", "min-time", "steady-cv", "max-time");
    private static final List<String> ITER_KEYS = List.of("min", "min-time", "max-time");

    private final YamlWalker w;

    MeasureParser(YamlWalker w) {
        this.w = w;
    }

    /** The policy, or {@code null} after recording errors. */
    MeasurePolicy parse(Node n) {
        if (n == null) {
            return Defaults.MEASURE;
        }
        Map<String, Node> e = w.entries(n, "measure", KEYS);
        if (e == null) {
            return null;
        }
        int before = w.errors().size();
        MeasurePolicy.Warmup warmup = warmup(e.get("warmup"));
        MeasurePolicy.Iterations iterations = iterations(e.get("iterations"));
        Double targetCi = e.containsKey("target-ci")
                ? w.fraction(e.get("target-ci"), "measure.target-ci", 0, 1) : (Double) Defaults.TARGET_CI;
        Duration timeout = e.containsKey("trial-timeout")
                ? w.duration(e.get("trial-timeout"), "measure.trial-timeout") : Defaults.TRIAL_TIMEOUT;
        if (w.errors().size() > before || warmup == null || iterations == null || targetCi == null || timeout == null) {
            return null;
        }
        return new MeasurePolicy(warmup, iterations, targetCi, timeout);
    }

    private MeasurePolicy.Warmup warmup(Node n) {
        if (n == null) {
            return Defaults.MEASURE.warmup();
        }
        Map<String, Node> e = w.entries(n, "measure.warmup", WARMUP_KEYS);
        if (e == null) {
            return null;
        }
        Long minIt = e.containsKey("min-iterations")
                ? w.integer(e.get("min-iterations"), "measure.warmup.min-iterations", 0, 1_000_000)
                : (Long) (long) Defaults.WARMUP_MIN_ITERATIONS;
        Duration minTime = dur(e, "min-time", "measure.warmup.min-time", Defaults.WARMUP_MIN_TIME);
        Double cv = e.containsKey("steady-cv")
                ? w.fraction(e.get("steady-cv"), "measure.warmup.steady-cv", 0, 1) : (Double) Defaults.WARMUP_STEADY_CV;
        Duration maxTime = dur(e, "max-time", "measure.warmup.max-time", Defaults.WARMUP_MAX_TIME);
        boolean ok = minTime == null || maxTime == null || ordered(e, "measure.warmup", minTime, maxTime);
        if (!ok || minIt == null || minTime == null || cv == null || maxTime == null) {
            return null;
        }
        return new MeasurePolicy.Warmup(minIt.intValue(), minTime, cv, maxTime);
    }

    private MeasurePolicy.Iterations iterations(Node n) {
        if (n == null) {
            return Defaults.MEASURE.iterations();
        }
        Map<String, Node> e = w.entries(n, "measure.iterations", ITER_KEYS);
        if (e == null) {
            return null;
        }
        Long min = e.containsKey("min")
                ? w.integer(e.get("min"), "measure.iterations.min", 1, 100_000_000)
                : (Long) (long) Defaults.ITERATIONS_MIN;
        Duration minTime = dur(e, "min-time", "measure.iterations.min-time", Defaults.ITERATIONS_MIN_TIME);
        Duration maxTime = dur(e, "max-time", "measure.iterations.max-time", Defaults.ITERATIONS_MAX_TIME);
        boolean ok = minTime == null || maxTime == null || ordered(e, "measure.iterations", minTime, maxTime);
        if (!ok || min == null || minTime == null || maxTime == null) {
            return null;
        }
        return new MeasurePolicy.Iterations(min.intValue(), minTime, maxTime);
    }

    private Duration dur(Map<String, Node> e, String key, String param, Duration dflt) {
        return e.containsKey(key) ? w.duration(e.get(key), param) : dflt;
    }

    /** Checks min-time <= max-time, naming which of the two came from the defaults. */
    private boolean ordered(Map<String, Node> e, String where, Duration min, Duration max) {
        if (min.compareTo(max) <= 0) {
            return true;
        }
        Node at = e.containsKey("min-time") ? e.get("min-time") : e.get("max-time");
        w.error(at, where + ".min-time " + Units.formatDuration(min) + (e.containsKey("min-time") ? "" : " (default)")
                + " must be <= " + where + ".max-time " + Units.formatDuration(max)
                + (e.containsKey("max-time") ? "" : " (default)"));
        return false;
    }
}
