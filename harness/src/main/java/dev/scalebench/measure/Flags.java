package dev.scalebench.measure;

/** Trial quality flags, as written to result files. A flagged trial is kept and shown, never silently dropped. */
public final class Flags {
    /** A garbage collection paused the JVM during the measured loop. */
    public static final String GC = "gc";
    /** Warm-up hit its maximum time before the latency became steady. */
    public static final String NOT_STEADY = "not-steady";
    /** Fewer than 100 samples lie beyond p99 (fewer than 10 000 iterations): p99 is not gating-grade. */
    public static final String P99_LOW_CONFIDENCE = "p99-low-confidence";
    /** Measurement stopped at its maximum time before reaching the target CI. */
    public static final String MAX_TIME = "max-time";

    private Flags() {
    }
}
