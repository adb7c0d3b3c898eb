package dev.scalebench.measure;

import dev.scalebench.Spelled;

/**
 * A trial's quality flag, as result files spell it ({@link #id()}). A flagged trial is kept and shown, never
 * silently dropped.
 *
 * <p>The constants are declared in the order of their ids, so a sorted set or map of flags ({@code summary.csv}'s
 * {@code flags} column, {@code fits.json}'s per-point counts) keeps the order the id strings always had. A trial's
 * own list keeps the order the measurement found them in ({@code gc}, {@code not-steady}, {@code p99-low-confidence},
 * {@code max-time}, then the machine's: {@code energy-short}, {@code interfered}, {@code throttled}), which is what {@code trials.jsonl} holds.
 */
public enum Flag implements Spelled {
    /** The measured loop lasted fewer than about ten updates of the energy counter: its energy is coarse. */
    ENERGY_SHORT("energy-short"),
    /** A garbage collection paused the JVM during the measured loop. */
    GC("gc"),
    /**
     * Other work kept the trial's threads from a CPU for more than a set fraction of the measured loop (run-queue
     * wait or steal time; {@link Interference#interfered()}).
     */
    INTERFERED("interfered"),
    /** Measurement stopped at its maximum time before reaching the target CI. */
    MAX_TIME("max-time"),
    /** Warm-up hit its maximum time before the latency became steady. */
    NOT_STEADY("not-steady"),
    /** Fewer than 100 samples lie beyond p99 (fewer than 10 000 iterations): p99 is not gating-grade. */
    P99_LOW_CONFIDENCE("p99-low-confidence"),
    /** The GPU was power- or thermal-throttled during the measured loop ({@link GpuSample#throttled()}). */
    THROTTLED("throttled");

    private final String id;

    Flag(String id) {
        this.id = id;
    }

    /** The spelling in result files, e.g. {@code not-steady}. */
    @Override
    public String id() {
        return id;
    }

    /**
     * The flag spelled {@code id}, exactly as {@link #id()} writes it.
     *
     * @throws IllegalArgumentException naming {@code id} and the known ids, when none matches (e.g. a journal
     *     written by a newer scalebench)
     */
    public static Flag parse(String id) {
        return Spelled.parse(Flag.class, "flag", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
