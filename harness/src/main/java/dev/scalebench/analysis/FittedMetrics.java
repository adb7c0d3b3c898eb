package dev.scalebench.analysis;

import dev.scalebench.results.TrialMetric;
import java.util.List;

/**
 * The per-trial latencies a scaling fit can model: {@link TrialMetric#FITTED} (p50, p99, mean: of a step, or of a
 * generate point's request) and the latencies of a generate point by token ({@link TrialMetric#GENERATION}: TTFT,
 * TPOT, ITL, end to end). {@code analyze --metric} and {@code fit --metric} take any of them.
 *
 * <p>{@link TrialMetric#FITTED} itself stays the three statistics every kind of data has (CSV import orders its
 * columns by it); this list is what the analysis accepts.
 */
public final class FittedMetrics {

    /** Every metric the fits can model, in the order {@code --metric} lists them. */
    public static final List<TrialMetric> ALL = List.of(TrialMetric.P50, TrialMetric.P99, TrialMetric.MEAN,
            TrialMetric.TTFT_P50, TrialMetric.TTFT_P99, TrialMetric.TPOT_P50, TrialMetric.TPOT_P99,
            TrialMetric.ITL_P50, TrialMetric.ITL_P99, TrialMetric.E2E_P50, TrialMetric.E2E_P99);

    /**
     * What every generate series over batch is fitted for besides the analysed metric: a TPOT is a decode step
     * time and a TTFT a prefill step time, so the step-time forms over batch apply to both.
     */
    public static final List<TrialMetric> OVER_BATCH = List.of(TrialMetric.TPOT_P50, TrialMetric.TPOT_P99,
            TrialMetric.TTFT_P50, TrialMetric.TTFT_P99);

    private FittedMetrics() {
    }

    /** Whether the fits can model {@code m}. */
    public static boolean fittable(TrialMetric m) {
        return ALL.contains(m);
    }

    /**
     * The fittable metric named {@code id}, spelled as {@link TrialMetric#parse(String)} accepts it
     * ({@code tpot_p99}, {@code tpot-p99}, {@code TPOT_P99}).
     *
     * @throws IllegalArgumentException naming the value and the choices when it is not a fittable metric
     */
    public static TrialMetric parse(String id) {
        TrialMetric m;
        try {
            m = TrialMetric.parse(id);
        } catch (IllegalArgumentException e) {
            m = null;
        }
        if (m == null || !fittable(m)) {
            throw new IllegalArgumentException("unknown metric '" + id + "' (expected one of "
                    + String.join(", ", ALL.stream().map(TrialMetric::id).toList()) + ")");
        }
        return m;
    }

    /**
     * What a generate point's series is fitted for when {@code analysed} is the analysis's metric: a request's p50
     * and p99 are its end-to-end latencies ({@link TrialMetric#E2E_P50}, {@link TrialMetric#E2E_P99}); any other
     * metric is itself.
     */
    public static TrialMetric ofRequest(TrialMetric analysed) {
        return switch (analysed) {
            case P50 -> TrialMetric.E2E_P50;
            case P99 -> TrialMetric.E2E_P99;
            default -> analysed;
        };
    }

    /** {@code p99 TPOT}, {@code p50 TTFT}, {@code p50 end-to-end latency}, ...: the metric in words. */
    public static String words(TrialMetric m) {
        return switch (m) {
            case P50 -> "p50 latency";
            case P99 -> "p99 latency";
            case MEAN -> "mean end-to-end latency";
            case TTFT_P50 -> "p50 TTFT";
            case TTFT_P99 -> "p99 TTFT";
            case TPOT_P50 -> "p50 TPOT";
            case TPOT_P99 -> "p99 TPOT";
            case ITL_P50 -> "p50 ITL";
            case ITL_P99 -> "p99 ITL";
            case E2E_P50 -> "p50 end-to-end latency";
            case E2E_P99 -> "p99 end-to-end latency";
            default -> m.id();
        };
    }

    /** Whether {@code m} is a time per output token (TPOT or ITL): batch over it is output tokens per second. */
    public static boolean perToken(TrialMetric m) {
        return m == TrialMetric.TPOT_P50 || m == TrialMetric.TPOT_P99 || m == TrialMetric.ITL_P50
                || m == TrialMetric.ITL_P99;
    }
}
