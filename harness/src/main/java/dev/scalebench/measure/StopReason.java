package dev.scalebench.measure;

import dev.scalebench.Spelled;

/** Why a trial's measured loop ended; the journal's {@code stopReason} holds its {@link #id() id}. */
public enum StopReason implements Spelled {
    /** The 95 % CI half-width of the median reached the policy's target. */
    TARGET_CI("target-ci"),
    /** Minimum iterations and time were reached and early stopping is off ({@code target-ci: 0}). */
    MIN_REACHED("min-reached"),
    /** The maximum time was reached first. */
    MAX_TIME("max-time");

    private final String id;

    StopReason(String id) {
        this.id = id;
    }

    /** The spelling in result files. */
    @Override
    public String id() {
        return id;
    }

    /**
     * The reason spelled {@code id}, exactly as {@link #id()} writes it.
     *
     * @throws IllegalArgumentException naming {@code id} and the known ids, when none matches (e.g. a journal
     *     written by a newer scalebench)
     */
    public static StopReason parse(String id) {
        return Spelled.parse(StopReason.class, "stop reason", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
