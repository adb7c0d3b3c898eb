package dev.scalebench.results;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one metric enum: a statistic of one trial, read from its histogram (latencies, per step) or derived from its
 * mean (throughput), or from its energy reading (joules per step and per token, tokens per joule, power). The trial is the unit of evidence for comparisons and gates: these values, one per trial, are
 * what they resample. The scaling fits model the latencies in {@link #FITTED} and, of generate points, by token.
 */
public enum TrialMetric {
    /** Median step latency, ns. */
    P50("p50", false, "ns"),
    /** 90th percentile step latency, ns. */
    P90("p90", false, "ns"),
    /** 99th percentile step latency, ns. */
    P99("p99", false, "ns"),
    /** 99.9th percentile step latency, ns. */
    P999("p99.9", false, "ns"),
    /** Mean step latency, ns. */
    MEAN("mean", false, "ns"),
    /** Largest step latency, ns. */
    MAX("max", false, "ns"),
    /**
     * Tokens per second: tokens per step over the mean step latency. For a generate point, output tokens per second
     * of all its sequences together (the output tokens of a request over its mean end-to-end latency); also spelled
     * {@code tokens_per_s}.
     */
    THROUGHPUT("throughput", true, "tokens/s"),
    /** Median time to first token of a generate point's requests, ns ({@link GenerationValues}). */
    TTFT_P50("ttft_p50", false, "ns"),
    /** 99th percentile time to first token, ns. */
    TTFT_P99("ttft_p99", false, "ns"),
    /** Median time per output token (a request's mean inter-token latency), ns. */
    TPOT_P50("tpot_p50", false, "ns"),
    /** 99th percentile time per output token, ns. */
    TPOT_P99("tpot_p99", false, "ns"),
    /** Median inter-token latency (every decode step of every request), ns. */
    ITL_P50("itl_p50", false, "ns"),
    /** 99th percentile inter-token latency, ns. */
    ITL_P99("itl_p99", false, "ns"),
    /** Median end-to-end latency of a generate point's requests, ns (its {@link #P50}). */
    E2E_P50("e2e_p50", false, "ns"),
    /** 99th percentile end-to-end latency of a request, ns (its {@link #P99}). */
    E2E_P99("e2e_p99", false, "ns"),
    /** Output tokens per second of one sequence (one user): output tokens per request over the mean request latency. */
    TOKENS_PER_S_PER_USER("tokens_per_s_per_user", true, "tokens/s"),
    /**
     * Energy per measured step (per request at a generate point), J: the energy the device drew over the measured
     * loop over its steps ({@link EnergyValues}). Only a trial whose energy a sensor read has it.
     */
    JOULES_PER_STEP("joules_per_step", false, "J"),
    /** Energy per token, J: joules per step over the point's tokens per step (those of its throughput). */
    JOULES_PER_TOKEN("joules_per_token", false, "J/token"),
    /** Tokens per joule: one over {@link #JOULES_PER_TOKEN}. */
    TOKENS_PER_JOULE("tokens_per_joule", true, "tokens/J"),
    /** Mean power over the measured loop, W. */
    POWER_W("power_w", false, "W");

    /** The metrics only a generate point has (NaN for prefill and decode points). */
    public static final List<TrialMetric> GENERATION = List.of(TTFT_P50, TTFT_P99, TPOT_P50, TPOT_P99, ITL_P50, ITL_P99,
            E2E_P50, E2E_P99, TOKENS_PER_S_PER_USER);

    /**
     * The metrics only a trial with an energy reading has ({@link EnergyValues}; NaN without one, and skipped):
     * at every phase, like throughput.
     */
    public static final List<TrialMetric> ENERGY = List.of(JOULES_PER_STEP, JOULES_PER_TOKEN, TOKENS_PER_JOULE,
            POWER_W);

    /**
     * The three latency statistics every source of data has (a run's trials, an imported CSV): p50 (the default of
     * the fits), p99 and mean. What the fits accept beyond them (a generate point's TTFT, TPOT, ITL, end to end) is
     * {@code analysis.FittedMetrics}.
     */
    public static final List<TrialMetric> FITTED = List.of(P50, P99, MEAN);

    private final String id;
    private final boolean higherIsBetter;
    private final String unit;

    TrialMetric(String id, boolean higherIsBetter, String unit) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.unit = unit;
    }

    /** The name in files and on the command line: {@code p50}, {@code p99.9}, {@code throughput}... */
    public String id() {
        return id;
    }

    /** Whether a larger value is better (throughput) rather than worse (latency). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether this metric is tested at a point of phase {@code phaseId} (as files spell it): the generation metrics
     * only at generate points; the per-step latencies only at prefill and decode points (a generate point's "step"
     * is a whole request, whose latencies go by their {@code e2e_*} names); throughput and the energy metrics
     * everywhere (at a generate point, output tokens per second, joules per request and per output token). Gate and
     * compare both ask this; an energy metric of a trial without an energy reading is NaN, which both skip.
     */
    public boolean appliesTo(String phaseId) {
        return this == THROUGHPUT || energy() || generationOnly() == "generate".equals(phaseId);
    }

    /** Whether only a trial with an energy reading has this metric ({@link #ENERGY}). */
    public boolean energy() {
        return ENERGY.contains(this);
    }

    /** Whether only a generate point has this metric ({@link #GENERATION}). */
    public boolean generationOnly() {
        return GENERATION.contains(this);
    }

    /** {@code ns}, {@code tokens/s}, {@code J}, {@code J/token}, {@code tokens/J} or {@code W}. */
    public String unit() {
        return unit;
    }



    /**
     * The metric named {@code id} (case-insensitive; {@code p999} is accepted for {@code p99.9}, {@code tokens_per_s}
     * for {@code throughput}, and {@code -} for {@code _}).
     */
    public static TrialMetric parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (s.equals("tokens_per_s")) {
            return THROUGHPUT;
        }
        for (TrialMetric m : values()) {
            if (m.id.equals(s) || m.name().toLowerCase(Locale.ROOT).equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "' (expected one of "
                + String.join(", ", Arrays.stream(values()).map(TrialMetric::id).toList()) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
