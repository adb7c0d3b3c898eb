package dev.scalebench.analysis.roofline;

/** What limits a point. */
public enum Bound {
    /** Achieved FLOP/s is the larger fraction of its ceiling, and at least half of it. */
    COMPUTE("compute"),
    /** Achieved bytes/s is the larger fraction of its ceiling, and at least half of it. */
    MEMORY("memory"),
    /** Both fractions are under one half: launch, framework or host overhead dominates. */
    OVERHEAD("overhead");

    private final String id;

    Bound(String id) {
        this.id = id;
    }

    /** {@code compute}, {@code memory} or {@code overhead}. */
    public String id() {
        return id;
    }
}
