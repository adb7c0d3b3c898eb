package dev.scalebench.config;

import java.time.Duration;
import java.util.List;

/**
 * Every default a sweep file may omit, in one place. A sweep must name {@code name}, {@code model},
 * {@code batch} and {@code seq}; everything else falls back to these values.
 *
 * <p>The measurement policy defaults to the example of README.md, "Profiles" (gating grade): warm-up at least 10
 * iterations and 2 s, until the CV of the last windows is under 5 %, at most 60 s; then at least 50 iterations and 3 s,
 * at most 60 s, stopping early once the 95 % CI of the median is within 1 %; a trial times out after 10 min.
 */
public final class Defaults {
    /** Backend: DJL on the PyTorch engine. */
    public static final String BACKEND = "djl";
    /** Device: let the backend pick (a GPU when present, else the CPU). */
    public static final String DEVICE = "auto";
    /** Element types: fp32 only (CPU-friendly). */
    public static final List<DType> DTYPES = List.of(DType.FP32);
    /** Phases: both. */
    public static final List<Phase> PHASES = List.of(Phase.PREFILL, Phase.DECODE);
    /**
     * Output tokens per request of a {@code generate} point: 128, the output length {@code vllm bench latency}
     * uses by default.
     */
    public static final List<Integer> OUTPUT = List.of(128);
    /** Trials per point. */
    public static final int REPLICATES = 3;
    /** Trial order: randomized blocks. */
    public static final Order ORDER = Order.RANDOMIZED_BLOCKS;
    /** Seed for the trial order and the synthetic weights. */
    public static final long SEED = 42;
    /** Factor of a geometric range ({@code {from, to}}) that names none. */
    public static final double RANGE_FACTOR = 2.0;
    /** Budget: none (the plan is not trimmed). */
    public static final Duration BUDGET = null;

    /** Warm-up: at least this many iterations. */
    public static final int WARMUP_MIN_ITERATIONS = 10;
    /** Warm-up: at least this long. */
    public static final Duration WARMUP_MIN_TIME = Duration.ofSeconds(2);
    /** Warm-up: steady once the CV of the last windows is below this. */
    public static final double WARMUP_STEADY_CV = 0.05;
    /** Warm-up: ends here even when not steady (the trial is flagged). */
    public static final Duration WARMUP_MAX_TIME = Duration.ofSeconds(60);
    /** Measurement: at least this many iterations. */
    public static final int ITERATIONS_MIN = 50;
    /** Measurement: at least this long. */
    public static final Duration ITERATIONS_MIN_TIME = Duration.ofSeconds(3);
    /** Measurement: never longer than this. */
    public static final Duration ITERATIONS_MAX_TIME = Duration.ofSeconds(60);
    /** Stop early once the 95 % CI half-width of the median is within this fraction (0 disables). */
    public static final double TARGET_CI = 0.01;
    /** A trial still running after this long fails with reason {@code timeout}. */
    public static final Duration TRIAL_TIMEOUT = Duration.ofMinutes(10);

    /** The default measurement policy, assembled from the constants above. */
    public static final MeasurePolicy MEASURE = new MeasurePolicy(
            new MeasurePolicy.Warmup(WARMUP_MIN_ITERATIONS, WARMUP_MIN_TIME, WARMUP_STEADY_CV, WARMUP_MAX_TIME),
            new MeasurePolicy.Iterations(ITERATIONS_MIN, ITERATIONS_MIN_TIME, ITERATIONS_MAX_TIME),
            TARGET_CI, TRIAL_TIMEOUT);

    private Defaults() {
    }

    /** The system property that sets the default {@code remeasure:} policy: {@value}. */
    public static final String REMEASURE_PROPERTY = "scalebench.remeasure";

    /** The environment variable that sets it when the property is absent (inherited by child processes): {@value}. */
    public static final String REMEASURE_ENV = "SCALEBENCH_REMEASURE";

    /**
     * The re-measurement policy of a sweep file that names none: {@link Remeasure#ONCE}, unless the system property
     * {@value #REMEASURE_PROPERTY} or the environment variable {@value #REMEASURE_ENV} says otherwise (a shared CI
     * runner that is always busy may say {@code never}; the project's own tests do, because they count records on
     * machines where every trial is interfered). A sweep file's {@code remeasure:} always wins.
     *
     * @throws IllegalArgumentException naming the variable and the value when it is not a policy
     */
    public static Remeasure remeasure() {
        String p = System.getProperty(REMEASURE_PROPERTY);
        String v = p != null ? p : System.getenv(REMEASURE_ENV);
        if (v == null || v.isBlank()) {
            return Remeasure.ONCE;
        }
        try {
            return Remeasure.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((p != null ? "-D" + REMEASURE_PROPERTY : REMEASURE_ENV) + ": "
                    + e.getMessage(), e);
        }
    }
}
