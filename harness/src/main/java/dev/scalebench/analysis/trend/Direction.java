package dev.scalebench.analysis.trend;

/** Whether a change made the metric worse or better. */
public enum Direction {
    /** Worse: latency up, or throughput down. */
    REGRESSION,
    /** Better: latency down, or throughput up. */
    IMPROVEMENT;

    /** The direction of a relative change of a metric for which larger values are better or worse. */
    public static Direction of(double relativeChange, boolean higherIsBetter) {
        return (relativeChange > 0) == higherIsBetter ? IMPROVEMENT : REGRESSION;
    }

    /** {@code regression} or {@code improvement}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
