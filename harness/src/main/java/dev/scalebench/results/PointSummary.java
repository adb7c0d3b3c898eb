package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.List;
import java.util.Locale;

/**
 * One point of a run, summarized: one row of {@code summary.csv} (schema 2; columns documented in results/README.md),
 * as small nested records rather than one long list. The point's p50, p99 and throughputs ({@link Figures}) are
 * {@link PointStatistic}s: the median over its OK trials of each trial's value, with a 95 % bootstrap interval, the
 * same figures as in {@code fits.json}, the reports, {@code compare}, {@code gate}, {@code trend} and
 * {@code metrics.prom}. The {@link Pooled} figures describe the distribution of all the point's iterations pooled
 * (HdrHistogram of every OK trial added together); they are descriptive only, and differ from the point's p50 and
 * p99 when trials differ. Values that do not exist (no OK trial, TorchScript FLOPs, no device timing) are NaN.
 *
 * @param point the planned point: id, backend, device, model, parameters, dtype, phase, batch, seq, workload
 * @param trials how many trials, iterations and GC-touched trials it has
 * @param figures the point's figures, median over trials
 * @param pooled the pooled iterations' distribution (descriptive)
 * @param device device timing, NaN without
 * @param flags union of the trials' quality flags, sorted by id
 * @param status how the point stands
 * @param reason the distinct failure reasons ({@code kind: message}), or null
 * @param generation a generate point's figures by token; {@code null} for prefill and decode points (for a generate
 *     point the {@link Figures} are per request: end-to-end latency, output tokens per second)
 * @param memPeakBytes the point's peak memory growth, bytes: the largest {@link TrialResult.Measured#memPeakBytes()}
 *     over its OK trials that measured it; {@code -1} when none did (docs/measurement.md, "Memory")
 * @param energy the point's energy figures over its trials with an energy reading; {@code null} when none has one
 */
public record PointSummary(PointEntry point, Trials trials, Figures figures, Pooled pooled, DeviceTime device,
        List<Flag> flags, Status status, String reason, Generation generation, long memPeakBytes, Energy energy) {

    public PointSummary {
        flags = List.copyOf(flags);
    }

    /** A point without energy readings. */
    public PointSummary(PointEntry point, Trials trials, Figures figures, Pooled pooled, DeviceTime device,
            List<Flag> flags, Status status, String reason, Generation generation, long memPeakBytes) {
        this(point, trials, figures, pooled, device, flags, status, reason, generation, memPeakBytes, null);
    }

    /** A point whose memory was not measured. */
    public PointSummary(PointEntry point, Trials trials, Figures figures, Pooled pooled, DeviceTime device,
            List<Flag> flags, Status status, String reason, Generation generation) {
        this(point, trials, figures, pooled, device, flags, status, reason, generation, -1);
    }

    /** Whether any of the point's trials measured its memory. */
    public boolean memoryKnown() {
        return memPeakBytes >= 0;
    }

    /**
     * The point's peak memory growth from its trials: the largest reading of those that measured it, {@code -1} when
     * none did. The largest, not the median: a trial that followed a larger point may reuse pages the allocator kept
     * and read less than the point needs, never more.
     */
    public static long memPeakBytes(List<TrialResult> measured) {
        return measured.stream().mapToLong(t -> t.measured().memPeakBytes()).filter(b -> b >= 0).max().orElse(-1);
    }

    /**
     * A generate point's figures, each the median over its trials with a bootstrap interval ({@link PointStatistic}).
     *
     * @param output output tokens per request
     * @param ttftP50Ns median time to first token
     * @param ttftP99Ns 99th percentile time to first token
     * @param tpotP50Ns median time per output token
     * @param tpotP99Ns 99th percentile time per output token
     * @param itlP99Ns 99th percentile inter-token latency
     * @param tokensPerSPerUser output tokens per second of one sequence
     */
    public record Generation(int output, PointStatistic ttftP50Ns, PointStatistic ttftP99Ns, PointStatistic tpotP50Ns,
            PointStatistic tpotP99Ns, PointStatistic itlP99Ns, PointStatistic tokensPerSPerUser) {

        /** The figures of a generate point's measured trials. */
        public static Generation of(String pointId, int output, List<TrialValues> values) {
            return new Generation(output, PointStatistic.of(pointId, values, TrialMetric.TTFT_P50),
                    PointStatistic.of(pointId, values, TrialMetric.TTFT_P99),
                    PointStatistic.of(pointId, values, TrialMetric.TPOT_P50),
                    PointStatistic.of(pointId, values, TrialMetric.TPOT_P99),
                    PointStatistic.of(pointId, values, TrialMetric.ITL_P99),
                    PointStatistic.of(pointId, values, TrialMetric.TOKENS_PER_S_PER_USER));
        }
    }

    /**
     * A point's energy figures ({@link EnergyValues}), each the median over its trials with an energy reading, with a
     * bootstrap interval ({@link PointStatistic}).
     *
     * @param sources the energy sources of those trials, in id order, {@code ;}-joined ({@code nvml}, {@code rapl})
     * @param joulesPerStep energy per step (per request at a generate point), J
     * @param joulesPerToken energy per token, J
     * @param tokensPerJoule tokens per joule
     * @param powerW mean power over the measured loop, W
     */
    public record Energy(String sources, PointStatistic joulesPerStep, PointStatistic joulesPerToken,
            PointStatistic tokensPerJoule, PointStatistic powerW) {

        /** The figures of a point's measured trials; {@code null} when none has an energy reading. */
        public static Energy of(String pointId, List<TrialValues> values) {
            List<TrialValues> read = values.stream().filter(TrialValues::hasEnergy).toList();
            if (read.isEmpty()) {
                return null;
            }
            String sources = read.stream().map(v -> v.energy().source().id()).distinct().sorted()
                    .collect(java.util.stream.Collectors.joining(";"));
            return new Energy(sources, PointStatistic.of(pointId, read, TrialMetric.JOULES_PER_STEP),
                    PointStatistic.of(pointId, read, TrialMetric.JOULES_PER_TOKEN),
                    PointStatistic.of(pointId, read, TrialMetric.TOKENS_PER_JOULE),
                    PointStatistic.of(pointId, read, TrialMetric.POWER_W));
        }
    }

    /** The point's id. */
    public String pointId() {
        return point.id();
    }

    /**
     * @param ok OK trials (with a non-empty histogram)
     * @param failed failed trials
     * @param iterations measured iterations over all OK trials
     * @param withGc OK trials with at least one GC during the measured loop
     */
    public record Trials(int ok, int failed, long iterations, int withGc) { }

    /**
     * The point's figures: each the median over trials of the trials' values, with its interval.
     *
     * @param p50Ns median over trials of each trial's p50, ns
     * @param p99Ns median over trials of each trial's p99, ns
     * @param seqPerS sequences per second: median over trials of batch / mean step time
     * @param tokensPerS tokens per second: median over trials of tokens per step / mean step time
     * @param gflopPerS FLOPs per step / mean step time, GFLOP/s (when the workload knows its FLOPs)
     * @param gbytePerS minimum bytes per step / mean step time, GB/s (likewise)
     */
    public record Figures(PointStatistic p50Ns, PointStatistic p99Ns, PointStatistic seqPerS,
            PointStatistic tokensPerS, PointStatistic gflopPerS, PointStatistic gbytePerS) { }

    /**
     * The distribution of the point's iterations pooled over its OK trials, ns (descriptive only).
     *
     * @param p50Ns median
     * @param p90Ns 90th percentile
     * @param p95Ns 95th percentile
     * @param p99Ns 99th percentile
     * @param p999Ns 99.9th percentile
     * @param maxNs the largest step latency of any OK trial
     * @param meanNs mean
     * @param stdevNs standard deviation
     */
    public record Pooled(double p50Ns, double p90Ns, double p95Ns, double p99Ns, double p999Ns, double maxNs,
            double meanNs, double stdevNs) {

        /** No iterations: every value NaN. */
        public static final Pooled NONE = new Pooled(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Device timing of the point's trials.
     *
     * @param meanNs mean over trials of device time per iteration, ns (NaN without device timing)
     * @param gapNs mean over trials of host minus device time per iteration, ns: what the host spends outside the
     *     device's work (launches, framework, synchronisation); NaN without device timing
     */
    public record DeviceTime(double meanNs, double gapNs) { }

    /** How a point stands, spelled in {@code summary.csv} as {@link #id()}. */
    public enum Status {
        /** Every recorded trial is OK. */
        OK,
        /** Some trials failed. */
        PARTIAL,
        /** Every recorded trial failed. */
        FAILED,
        /** No trial recorded (e.g. an interrupted run). */
        NOT_RUN;

        /** {@code ok}, {@code partial}, {@code failed}, {@code not-run}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
