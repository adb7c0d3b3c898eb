package dev.scalebench.analysis.gate;

import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What "no regression" means for a deploy: the metrics gated and their margins, which points block, the error
 * rates, and which environment facts must match. Read from {@code profiles/gates/*.yaml} by {@link GatePolicies},
 * where every field is documented.
 *
 * @param name the policy's name (its file name without {@code .yaml})
 * @param margins margin δ per gated metric, in policy order: a latency metric regresses when the candidate is
 *     slower by more than δ (ratio above {@code 1 + δ}); throughput when it is lower by more than δ (below
 *     {@code 1 − δ})
 * @param alpha family-wise false-alarm rate over the blocking tests (Holm); also the level of each PASS
 * @param warningFdr false discovery rate for warnings on non-blocking points (Benjamini–Hochberg)
 * @param blocking which points block the deploy; empty means every point
 * @param blockAll whether every point blocks ({@code blocking: all}); when false and {@code blocking} is empty, no
 *     point blocks
 * @param minTrials OK trials each arm needs at a point; fewer make the point INCONCLUSIVE
 * @param resamples bootstrap resamples per test
 * @param seed bootstrap seed (each test derives its own from it and the point, so results are reproducible)
 * @param fingerprint environment facts that must be equal in both runs
 * @param reportOnly gated metrics whose regressions are reported as warnings and never fail the gate, even at a
 *     blocking point (tested with the non-blocking tests, Benjamini–Hochberg at {@code warningFdr}); a subset of
 *     {@code margins}' keys
 */
public record GatePolicy(String name, Map<TrialMetric, Double> margins, double alpha, double warningFdr,
        List<Selector> blocking, boolean blockAll, int minTrials, int resamples, long seed,
        List<String> fingerprint, Set<TrialMetric> reportOnly) {

    /** Default family-wise false-alarm rate (docs/gate.md, "Policy"). */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default false discovery rate of warnings (docs/gate.md, "Policy"). */
    public static final double DEFAULT_WARNING_FDR = 0.10;
    /** Default minimum trials per arm: with fewer, no distribution-free test can reach a useful level. */
    public static final int DEFAULT_MIN_TRIALS = 5;

    public GatePolicy {
        Objects.requireNonNull(name, "name");
        margins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(margins));
        blocking = List.copyOf(blocking);
        fingerprint = List.copyOf(fingerprint);
        reportOnly = reportOnly.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reportOnly));
        if (margins.isEmpty()) {
            throw new IllegalArgumentException("a gate policy needs at least one metric");
        }
        for (TrialMetric m : reportOnly) {
            if (!margins.containsKey(m)) {
                throw new IllegalArgumentException("report-only metric " + m + " is not gated (no margin)");
            }
        }
    }

    /** A policy without report-only metrics: every gated metric blocks at a blocking point. */
    public GatePolicy(String name, Map<TrialMetric, Double> margins, double alpha, double warningFdr,
            List<Selector> blocking, boolean blockAll, int minTrials, int resamples, long seed,
            List<String> fingerprint) {
        this(name, margins, alpha, warningFdr, blocking, blockAll, minTrials, resamples, seed, fingerprint, Set.of());
    }

    /**
     * The built-in policy, every point blocking. Prefill and decode points: p99 +5 % and throughput −5 %. Generate
     * points: ttft_p99 +5 %, tpot_p99 +5 % and throughput (output tokens/s) −5 % block; tpot_p50 +5 % and e2e_p99
     * +5 % are report-only ({@link #applies}).
     */
    public static GatePolicy defaults() {
        Map<TrialMetric, Double> m = new LinkedHashMap<>();
        m.put(TrialMetric.P99, 0.05);
        m.put(TrialMetric.THROUGHPUT, 0.05);
        m.put(TrialMetric.TTFT_P99, 0.05);
        m.put(TrialMetric.TPOT_P99, 0.05);
        m.put(TrialMetric.TPOT_P50, 0.05);
        m.put(TrialMetric.E2E_P99, 0.05);
        return new GatePolicy("built-in", m, DEFAULT_ALPHA, DEFAULT_WARNING_FDR, List.of(), true, DEFAULT_MIN_TRIALS,
                dev.scalebench.stats.RatioBootstrap.DEFAULT_RESAMPLES, 1, Fingerprint.COMPARABLE_KEYS,
                Set.of(TrialMetric.TPOT_P50, TrialMetric.E2E_P99));
    }

    /** A copy with other margins (e.g. one metric only); report-only metrics it no longer gates are dropped. */
    public GatePolicy withMargins(Map<TrialMetric, Double> newMargins) {
        Set<TrialMetric> keep = reportOnly.stream().filter(newMargins::containsKey)
                .collect(java.util.stream.Collectors.toSet());
        return new GatePolicy(name, newMargins, alpha, warningFdr, blocking, blockAll, minTrials, resamples, seed,
                fingerprint, keep);
    }

    /** A copy with another minimum number of trials per arm. */
    public GatePolicy withMinTrials(int n) {
        return new GatePolicy(name, margins, alpha, warningFdr, blocking, blockAll, n, resamples, seed, fingerprint,
                reportOnly);
    }

    /** A copy with another number of bootstrap resamples. */
    public GatePolicy withResamples(int n) {
        return new GatePolicy(name, margins, alpha, warningFdr, blocking, blockAll, minTrials, n, seed, fingerprint,
                reportOnly);
    }

    /** Whether a regression at {@code p} fails the gate (otherwise it is a warning). */
    public boolean blocks(PointEntry p) {
        return blockAll || blocking.stream().anyMatch(s -> s.matches(p));
    }

    /** Whether a regression of {@code m} is only reported (a warning), never failing the gate. */
    public boolean reportOnly(TrialMetric m) {
        return reportOnly.contains(m);
    }

    /**
     * Whether {@code m} is tested at a point of phase {@code phase}: a generation metric
     * ({@link TrialMetric#generationOnly()}) only at generate points, which alone have it; a per-step latency
     * (p50, p90, p99, p99.9, mean, max) only at prefill and decode points, since a generate point's "step" is a
     * request, whose latencies are gated by their generation names ({@code e2e_p99}...); throughput everywhere (at a
     * generate point, output tokens/s of all its sequences).
     */
    public static boolean applies(TrialMetric m, String phase) {
        return m.appliesTo(phase);
    }

    /** The policy's metrics tested at a point of phase {@code phase}, with their margins, in policy order. */
    public Map<TrialMetric, Double> marginsFor(String phase) {
        Map<TrialMetric, Double> out = new LinkedHashMap<>();
        margins.forEach((m, d) -> {
            if (applies(m, phase)) {
                out.put(m, d);
            }
        });
        return out;
    }

    /**
     * Points a policy marks as blocking: every given factor must match; absent factors match anything.
     *
     * @param point glob on the point id ({@code *} any run of characters), or null
     * @param model glob on the model name, or null
     * @param dtype dtype id, or null
     * @param phase {@code prefill|decode|generate}, or null
     * @param batch batch sizes, empty for any
     * @param seq sequence lengths, empty for any
     * @param output output tokens per request (generate points), empty for any
     */
    public record Selector(String point, String model, String dtype, String phase, List<Integer> batch,
            List<Integer> seq, List<Integer> output) {

        public Selector {
            batch = List.copyOf(batch);
            seq = List.copyOf(seq);
            output = List.copyOf(output);
        }

        /** A selector on no output length. */
        public Selector(String point, String model, String dtype, String phase, List<Integer> batch,
                List<Integer> seq) {
            this(point, model, dtype, phase, batch, seq, List.of());
        }

        /** Whether {@code p} matches every given factor. */
        public boolean matches(PointEntry p) {
            return glob(point, p.id()) && glob(model, p.model()) && (dtype == null || dtype.equals(p.dtype()))
                    && (phase == null || phase.equals(p.phase()))
                    && (batch.isEmpty() || batch.contains(p.batch())) && (seq.isEmpty() || seq.contains(p.seq()))
                    && (output.isEmpty() || output.contains(p.output()));
        }

        private static boolean glob(String pattern, String value) {
            if (pattern == null) {
                return true;
            }
            String re = String.join(".*", java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                    .toList());
            return Pattern.matches(re, value);
        }
    }
}
