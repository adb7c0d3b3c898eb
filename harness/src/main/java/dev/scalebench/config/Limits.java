package dev.scalebench.config;

/** The ranges validation allows; anything outside is reported with the range. */
public final class Limits {
    /** Batch levels: 1..65536. */
    public static final int BATCH_MAX = 65_536;
    /** Sequence / context levels: 1..1,048,576. */
    public static final int SEQ_MAX = 1 << 20;
    /** Output tokens per request ({@code output} levels of a generate sweep): 1..65,536. */
    public static final int OUTPUT_MAX = 65_536;
    /** Replicates: 1..1000. */
    public static final int REPLICATES_MAX = 1000;
    /** Engine threads ({@code threads:}): 1..4096. */
    public static final int THREADS_MAX = 4096;
    /** Re-measurements of one interfered trial ({@code remeasure:}): 0..10. */
    public static final int REMEASURE_MAX = 10;
    /** A geometric range may not expand to more levels than this. */
    public static final int LEVELS_MAX = 1000;

    private Limits() {
    }
}
