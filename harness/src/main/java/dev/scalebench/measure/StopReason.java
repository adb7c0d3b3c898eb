package dev.scalebench.measure;

/** Why a trial's measured loop ended. */
public enum StopReason {
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
    public String id() {
        return id;
    }
}
