package dev.scalebench.analysis.compare;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.RatioBootstrap;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How runs are compared.
 *
 * @param metrics the per-trial metrics to compare, in report order (at least one, no duplicates)
 * @param ignore factors left out of matching points across runs (iterated in declaration order)
 * @param resamples bootstrap resamples per ratio (at least 100)
 * @param level confidence level of the intervals, in (0, 1)
 */
public record CompareOptions(List<TrialMetric> metrics, Set<Factor> ignore, int resamples, double level) {

    /** p50, p99 and throughput; nothing ignored; {@value RatioBootstrap#DEFAULT_RESAMPLES} resamples; 95 %. */
    public static final CompareOptions DEFAULTS = new CompareOptions(
            List.of(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT), Set.of(),
            RatioBootstrap.DEFAULT_RESAMPLES, 0.95);

    /**
     * What the default metrics add when a run has generate points: p99 time to first token, median and p99 time per
     * output token, p99 end-to-end latency and output tokens/s per user (throughput, already a default, is output
     * tokens/s of all sequences at a generate point).
     */
    public static final List<TrialMetric> GENERATION_DEFAULTS = List.of(TrialMetric.TTFT_P99, TrialMetric.TPOT_P50,
            TrialMetric.TPOT_P99, TrialMetric.E2E_P99, TrialMetric.TOKENS_PER_S_PER_USER);

    /**
     * What the default metrics add when the baseline and another run have energy readings: joules per token (its
     * ratio, other / baseline, with an interval, like the latencies').
     */
    public static final List<TrialMetric> ENERGY_DEFAULTS = List.of(TrialMetric.JOULES_PER_TOKEN);

    public CompareOptions {
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty() || metrics.stream().distinct().count() != metrics.size()) {
            throw new IllegalArgumentException("metrics must be non-empty and distinct: " + metrics);
        }
        ignore = Collections.unmodifiableSet(ignore.isEmpty() ? EnumSet.noneOf(Factor.class) : EnumSet.copyOf(ignore));
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples are needed: " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
    }

    /** A copy comparing {@code m}. */
    public CompareOptions withMetrics(List<TrialMetric> m) {
        return new CompareOptions(m, ignore, resamples, level);
    }

    /**
     * A copy with the defaults the runs' content adds: {@link #GENERATION_DEFAULTS} after these metrics when one of
     * {@code runs} has a generate point, then {@link #ENERGY_DEFAULTS} when the baseline (the first) and another
     * run have energy readings ({@link #withEnergyDefaults}); this when neither applies.
     */
    public CompareOptions withGenerationDefaults(List<CompareRun> runs) {
        boolean generate = runs.stream().flatMap(r -> r.metrics().points().stream())
                .anyMatch(p -> dev.scalebench.config.Phase.GENERATE.id().equals(p.phase()));
        if (!generate) {
            return withEnergyDefaults(runs);
        }
        List<TrialMetric> m = new java.util.ArrayList<>(metrics);
        GENERATION_DEFAULTS.stream().filter(x -> !m.contains(x)).forEach(m::add);
        return withMetrics(m).withEnergyDefaults(runs);
    }

    /**
     * A copy with {@link #ENERGY_DEFAULTS} added after these metrics when the baseline (the first of {@code runs})
     * and at least one other run have a trial with an energy reading; otherwise this.
     */
    public CompareOptions withEnergyDefaults(List<CompareRun> runs) {
        if (runs.isEmpty() || !hasEnergy(runs.get(0)) || runs.stream().skip(1).noneMatch(CompareOptions::hasEnergy)) {
            return this;
        }
        List<TrialMetric> m = new java.util.ArrayList<>(metrics);
        ENERGY_DEFAULTS.stream().filter(x -> !m.contains(x)).forEach(m::add);
        return withMetrics(m);
    }

    private static boolean hasEnergy(CompareRun r) {
        return r.metrics().trials().stream().anyMatch(dev.scalebench.results.TrialValues::hasEnergy);
    }

    /** A copy ignoring {@code factors}. */
    public CompareOptions withIgnore(Set<Factor> factors) {
        return new CompareOptions(metrics, factors, resamples, level);
    }

    /** A copy with {@code n} resamples. */
    public CompareOptions withResamples(int n) {
        return new CompareOptions(metrics, ignore, n, level);
    }
}
