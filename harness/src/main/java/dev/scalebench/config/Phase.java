package dev.scalebench.config;

import java.util.Locale;

/**
 * The two inference workloads.
 *
 * <p>{@link #PREFILL}: one forward pass over {@code batch} sequences of {@code seq} tokens.
 * {@link #DECODE}: one generation step for {@code batch} sequences, each attending over a KV cache
 * of {@code seq} tokens.
 */
public enum Phase {
    PREFILL, DECODE;

    /** The spelling used in YAML and result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code prefill|decode} (case-insensitive); {@code null} when unknown. */
    public static Phase parse(String s) {
        for (Phase p : values()) {
            if (p.id().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        return null;
    }
}
