package dev.scalebench.config;

/**
 * The engine's thread counts: the sweep file's {@code threads:} (docs/measurement.md, "Threads"). A count of
 * {@value #AUTO} means the default: intra-op threads = the physical cores available to the process, inter-op
 * threads = {@value #DEFAULT_INTER_OP} (one request runs at a time, so inter-op parallelism only adds threads that
 * compete with the intra-op pool). The counts in force, whatever was asked, go into the run's fingerprint.
 *
 * <p>In the file: {@code threads: 4} (intra-op 4, inter-op default) or {@code threads: {intra: 4, inter: 1}}.
 *
 * @param intraOp threads inside one operator (libtorch's {@code set_num_threads}: its OpenMP/MKL pool), or
 *     {@value #AUTO}
 * @param interOp threads running independent operators at once ({@code set_num_interop_threads}), or {@value #AUTO}
 */
public record Threads(int intraOp, int interOp) {

    /** "Use the default". */
    public static final int AUTO = 0;

    /** The default inter-op count: {@value}. */
    public static final int DEFAULT_INTER_OP = 1;

    /** Both counts at their defaults. */
    public static final Threads DEFAULT = new Threads(AUTO, AUTO);

    public Threads {
        check(intraOp, "intra");
        check(interOp, "inter");
    }

    private static void check(int n, String which) {
        if (n < 0 || n > Limits.THREADS_MAX) {
            throw new IllegalArgumentException("threads " + which + " = " + n + " is outside 1.." + Limits.THREADS_MAX
                    + " (or 0 for the default)");
        }
    }

    /** The intra-op count to apply, given the physical cores available to the process. */
    public int intraOp(int physicalCores) {
        return intraOp == AUTO ? Math.max(1, physicalCores) : intraOp;
    }

    /** The inter-op count to apply. */
    public int interOpResolved() {
        return interOp == AUTO ? DEFAULT_INTER_OP : interOp;
    }
}
