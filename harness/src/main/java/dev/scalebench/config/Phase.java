package dev.scalebench.config;

import java.util.Locale;

/**
 * The three inference workloads.
 *
 * <p>{@link #PREFILL}: one forward pass over {@code batch} sequences of {@code seq} tokens.
 * {@link #DECODE}: one generation step for {@code batch} sequences, each attending over a KV cache
 * of {@code seq} tokens.
 * {@link #GENERATE}: one whole request of {@code batch} sequences: the prefill of their {@code seq} prompt tokens,
 * which yields each sequence's first output token, then {@code output − 1} decode steps, the KV cache growing by one
 * position per step in place. Its measured iteration is the request; the time to the first token, every inter-token
 * step and the request's end-to-end latency are recorded apart (docs/measurement.md, "Generation").
 */
public enum Phase {
    PREFILL, DECODE, GENERATE;

    /** The spelling used in YAML and result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code prefill|decode|generate} (case-insensitive); {@code null} when unknown. */
    public static Phase parse(String s) {
        for (Phase p : values()) {
            if (p.id().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        return null;
    }
}
