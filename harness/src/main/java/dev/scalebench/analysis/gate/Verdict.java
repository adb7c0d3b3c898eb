package dev.scalebench.analysis.gate;

/** The outcome of one test, one point, or the whole gate. */
public enum Verdict {
    /** No regression beyond the margin: the interval lies below the regression threshold. */
    PASS(0),
    /** Better by more than the margin. Passes. */
    IMPROVED(0),
    /** Worse by more than the margin, after the multiplicity correction. */
    REGRESSION(1),
    /** The data cannot tell: too few trials, or an interval that straddles the threshold. */
    INCONCLUSIVE(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code of a gate ending in this verdict (the table at the top of docs/gate.md). */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the deploy may go ahead. */
    public boolean passes() {
        return this == PASS || this == IMPROVED;
    }
}
