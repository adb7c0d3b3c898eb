package dev.scalebench.metrics;

import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * The gauges of a generate point ({@link SweepMetrics}): each the median over the point's ok trials so far of one
 * generation metric, latencies in seconds, throughput per user in tokens per second. Prometheus names (the registry
 * adds the unit): {@code scalebench_point_ttft_p50_seconds}, {@code scalebench_point_ttft_p99_seconds},
 * {@code scalebench_point_tpot_p50_seconds}, {@code scalebench_point_tpot_p99_seconds},
 * {@code scalebench_point_e2e_p99_seconds} and {@code scalebench_point_throughput_per_user_tokens_per_second}. The
 * total output tokens per second is the point's {@code scalebench_point_throughput_tokens_per_second}.
 */
final class GenerationGauges {

    /** A gauge: its meter name, the metric it reads, and its description. */
    private record Spec(String name, TrialMetric metric, String description) { }

    private static final List<Spec> LATENCIES = List.of(
            new Spec("scalebench.point.ttft.p50", TrialMetric.TTFT_P50,
                    "The generate point's median time to first token: median over its ok trials of each trial's"),
            new Spec("scalebench.point.ttft.p99", TrialMetric.TTFT_P99,
                    "The generate point's p99 time to first token: median over its ok trials of each trial's"),
            new Spec("scalebench.point.tpot.p50", TrialMetric.TPOT_P50,
                    "The generate point's median time per output token: median over its ok trials of each trial's"),
            new Spec("scalebench.point.tpot.p99", TrialMetric.TPOT_P99,
                    "The generate point's p99 time per output token: median over its ok trials of each trial's"),
            new Spec("scalebench.point.e2e.p99", TrialMetric.E2E_P99,
                    "The generate point's p99 end-to-end request latency: median over its ok trials of each"
                            + " trial's"));

    private GenerationGauges() {
    }

    /** Registers the gauges of a generate point with tags {@code tags}, reading its ok trials {@code trials}. */
    static void register(MeterRegistry registry, Tags tags, List<TrialValues> trials) {
        for (Spec s : LATENCIES) {
            Gauge.builder(s.name(), trials, l -> PointStatistic.median(l, s.metric()) / 1e9)
                    .tags(tags).baseUnit("seconds").strongReference(true).description(s.description())
                    .register(registry);
        }
        Gauge.builder("scalebench.point.throughput.per.user", trials,
                        l -> PointStatistic.median(l, TrialMetric.TOKENS_PER_S_PER_USER))
                .tags(tags).baseUnit("tokens.per.second").strongReference(true)
                .description("The generate point's output tokens per second of one sequence (one user): median over"
                        + " its ok trials of output tokens per request / mean request time")
                .register(registry);
    }
}
