package dev.scalebench.analysis.trend;

import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parameters of trend detection.
 *
 * @param metrics the per-trial statistics to follow, one series each
 * @param window length of the sliding windows the E-divisive split step searches (runs)
 * @param maxP largest p-value a change point may have, after Benjamini–Hochberg across series
 * @param minSegment fewest runs on either side of a change point
 * @param minMagnitude smallest relative change of the segment means, {@code |after / before - 1|}, reported
 */
public record TrendOptions(List<TrialMetric> metrics, int window, double maxP, int minSegment, double minMagnitude) {

    /** Largest window: its distance matrix is {@code window²} numbers. */
    public static final int MAX_WINDOW = 1000;

    /** p50, p99 and throughput; window 50, p 0.001, minimum segment 3, minimum magnitude 5 %. */
    public static final TrendOptions DEFAULTS = new TrendOptions(
            List.of(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT), 50, 0.001, 3, 0.05);

    /**
     * What the default metrics add for a history with generate points: p99 time to first token and p99 time per
     * output token (a generate point's p50 and p99 are its end-to-end latencies, its throughput its output tokens/s).
     */
    public static final List<TrialMetric> GENERATION_DEFAULTS = List.of(TrialMetric.TTFT_P99, TrialMetric.TPOT_P99);

    public TrendOptions {
        metrics = List.copyOf(metrics);
    }

    /**
     * These options with {@link #GENERATION_DEFAULTS} added when {@code runs} have a generate point (a series needs
     * values, and only generate points have generation metrics); otherwise these options unchanged.
     */
    public TrendOptions withGenerationDefaults(List<dev.scalebench.results.RunMetrics> runs) {
        boolean generate = runs.stream().flatMap(r -> r.points().stream())
                .anyMatch(p -> dev.scalebench.config.Phase.GENERATE.id().equals(p.phase()));
        if (!generate) {
            return this;
        }
        List<TrialMetric> m = new ArrayList<>(metrics);
        GENERATION_DEFAULTS.stream().filter(x -> !m.contains(x)).forEach(m::add);
        return withMetrics(m);
    }

    /** These options with other metrics. */
    public TrendOptions withMetrics(List<TrialMetric> m) {
        return new TrendOptions(m, window, maxP, minSegment, minMagnitude);
    }

    /** These options with another window. */
    public TrendOptions withWindow(int w) {
        return new TrendOptions(metrics, w, maxP, minSegment, minMagnitude);
    }

    /** These options with another largest p-value. */
    public TrendOptions withMaxP(double p) {
        return new TrendOptions(metrics, window, p, minSegment, minMagnitude);
    }

    /** These options with another minimum segment. */
    public TrendOptions withMinSegment(int s) {
        return new TrendOptions(metrics, window, maxP, s, minMagnitude);
    }

    /** These options with another minimum magnitude. */
    public TrendOptions withMinMagnitude(double m) {
        return new TrendOptions(metrics, window, maxP, minSegment, m);
    }

    /**
     * The threshold of the split step, which proposes "weak" change points for the merge step to confirm: 10 × the
     * final p below 0.05, 2 × below 0.5, else the same (as Otava does).
     */
    public double weakP() {
        return maxP < 0.05 ? maxP * 10 : maxP < 0.5 ? maxP * 2 : maxP;
    }

    /** What is wrong with these options, one line each naming the option, its value and the bound; empty if none. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (metrics.isEmpty()) {
            p.add("--metric: at least one metric is needed");
        }
        if (minSegment < 2) {
            p.add("--min-segment " + minSegment + ": must be >= 2 (a t-test needs two runs per side)");
        }
        if (window < 2 * Math.max(2, minSegment) || window > MAX_WINDOW) {
            p.add("--window " + window + ": must be between 2 x --min-segment (" + 2 * Math.max(2, minSegment)
                    + ") and " + MAX_WINDOW);
        }
        if (!(maxP > 0 && maxP < 1)) {
            p.add("--max-p " + num(maxP) + ": must be in (0, 1)");
        }
        if (!(minMagnitude >= 0 && Double.isFinite(minMagnitude))) {
            p.add("--min-magnitude " + num(minMagnitude) + ": must be a finite number >= 0 (0.05 = 5 %)");
        }
        return p;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
