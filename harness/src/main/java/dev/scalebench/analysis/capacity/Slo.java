package dev.scalebench.analysis.capacity;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Locale;

/**
 * One service-level objective of a generate request: a latency of its point at most a limit, e.g. p99 TPOT
 * ≤ 100 ms. The point's latency is its figure as every output defines it (the median over trials of each trial's
 * value: {@link dev.scalebench.results.PointStatistic}).
 *
 * @param metric one of {@link #METRICS}
 * @param limitNs the largest value that meets the objective, ns (positive, finite)
 */
public record Slo(TrialMetric metric, double limitNs) {

    /** The latencies an objective can bound: a generate point's TTFT, TPOT, ITL and end-to-end p50 and p99. */
    public static final List<TrialMetric> METRICS = List.of(TrialMetric.TTFT_P50, TrialMetric.TTFT_P99,
            TrialMetric.TPOT_P50, TrialMetric.TPOT_P99, TrialMetric.ITL_P50, TrialMetric.ITL_P99,
            TrialMetric.E2E_P50, TrialMetric.E2E_P99);

    public Slo {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("an SLO bounds one of " + spelled() + ", not " + metric);
        }
        if (!(limitNs > 0) || !Double.isFinite(limitNs)) {
            throw new IllegalArgumentException("the limit of " + metric.id() + " must be a positive duration, got "
                    + limitNs + " ns");
        }
    }

    /** In words: {@code p99 TPOT ≤ 100 ms}. */
    public String text() {
        return FittedMetrics.words(metric) + " ≤ " + Numbers.seconds(limitNs * 1e-9);
    }

    /** As {@code --slo} takes it: {@code tpot-p99=100ms}. */
    public String spec() {
        return metric.id().replace('_', '-') + "=" + Numbers.seconds(limitNs * 1e-9).replace(" ", "")
                .replace("µ", "u");
    }

    /** The metrics as {@code --slo} spells them: {@code ttft-p50, ttft-p99, ...}. */
    static String spelled() {
        return String.join(", ", METRICS.stream().map(m -> m.id().replace('_', '-').toLowerCase(Locale.ROOT))
                .toList());
    }
}
