package dev.scalebench.analysis;

import java.util.Arrays;
import java.util.Locale;

/** The per-trial latency statistic a fit models. */
public enum Metric {
    /** The trial's median step latency (the default: robust to stragglers). */
    P50("p50"),
    /** The trial's 99th percentile. */
    P99("p99"),
    /** The trial's mean step latency (what throughput is computed from). */
    MEAN("mean");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /** {@code p50}, {@code p99} or {@code mean}. */
    public String id() {
        return id;
    }

    /** The metric named {@code id} (case-insensitive). */
    public static Metric parse(String id) {
        for (Metric m : values()) {
            if (m.id.equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "' (expected one of "
                + Arrays.toString(Arrays.stream(values()).map(Metric::id).toArray()) + ")");
    }

    @Override
    public String toString() {
        return id.toUpperCase(Locale.ROOT);
    }
}
