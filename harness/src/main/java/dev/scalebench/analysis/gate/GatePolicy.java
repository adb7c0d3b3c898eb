package dev.scalebench.analysis.gate;

import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 */
public record GatePolicy(String name, Map<TrialMetric, Double> margins, double alpha, double warningFdr,
        List<Selector> blocking, boolean blockAll, int minTrials, int resamples, long seed,
        List<String> fingerprint) {

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
        if (margins.isEmpty()) {
            throw new IllegalArgumentException("a gate policy needs at least one metric");
        }
    }

    /** The built-in policy: p99 +5 %, throughput −5 %, every point blocking. */
    public static GatePolicy defaults() {
        Map<TrialMetric, Double> m = new LinkedHashMap<>();
        m.put(TrialMetric.P99, 0.05);
        m.put(TrialMetric.THROUGHPUT, 0.05);
        return new GatePolicy("built-in", m, DEFAULT_ALPHA, DEFAULT_WARNING_FDR, List.of(), true, DEFAULT_MIN_TRIALS,
                dev.scalebench.stats.RatioBootstrap.DEFAULT_RESAMPLES, 1, Fingerprint.COMPARABLE_KEYS);
    }

    /** A copy with other margins (e.g. one metric only). */
    public GatePolicy withMargins(Map<TrialMetric, Double> newMargins) {
        return new GatePolicy(name, newMargins, alpha, warningFdr, blocking, blockAll, minTrials, resamples, seed,
                fingerprint);
    }

    /** A copy with another minimum number of trials per arm. */
    public GatePolicy withMinTrials(int n) {
        return new GatePolicy(name, margins, alpha, warningFdr, blocking, blockAll, n, resamples, seed, fingerprint);
    }

    /** A copy with another number of bootstrap resamples. */
    public GatePolicy withResamples(int n) {
        return new GatePolicy(name, margins, alpha, warningFdr, blocking, blockAll, minTrials, n, seed, fingerprint);
    }

    /** Whether a regression at {@code p} fails the gate (otherwise it is a warning). */
    public boolean blocks(PointEntry p) {
        return blockAll || blocking.stream().anyMatch(s -> s.matches(p));
    }

    /**
     * Points a policy marks as blocking: every given factor must match; absent factors match anything.
     *
     * @param point glob on the point id ({@code *} any run of characters), or null
     * @param model glob on the model name, or null
     * @param dtype dtype id, or null
     * @param phase {@code prefill|decode}, or null
     * @param batch batch sizes, empty for any
     * @param seq sequence lengths, empty for any
     */
    public record Selector(String point, String model, String dtype, String phase, List<Integer> batch,
            List<Integer> seq) {

        public Selector {
            batch = List.copyOf(batch);
            seq = List.copyOf(seq);
        }

        /** Whether {@code p} matches every given factor. */
        public boolean matches(PointEntry p) {
            return glob(point, p.id()) && glob(model, p.model()) && (dtype == null || dtype.equals(p.dtype()))
                    && (phase == null || phase.equals(p.phase()))
                    && (batch.isEmpty() || batch.contains(p.batch())) && (seq.isEmpty() || seq.contains(p.seq()));
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
