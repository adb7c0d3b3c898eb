package dev.scalebench.analysis.design;

import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicates and iterations a sweep needs, from a pilot run's trial-to-trial spread (docs/analysis.md, "Sample
 * size from a pilot"): per point, the replicates for the gate to catch a change of one margin beyond its threshold
 * with power 0.9 at Holm's level over the pilot's blocking tests ({@link GateSampleSize}), and the iterations per
 * trial for 100 samples beyond the p99 with their time at the pilot's step time. The sweep-wide recommendation uses
 * the spread pooled over points (the root mean square of the per-point log-space standard deviations, weighted by
 * their degrees of freedom): with 3 trials a point's own spread is itself uncertain by about ±50 %.
 */
public final class PilotDesign {

    /** Samples wanted beyond the p99 in every trial. */
    public static final int TAIL_SAMPLES = 100;
    /** Iterations per trial for {@link #TAIL_SAMPLES} beyond the p99: 100 / 0.01. */
    public static final long TAIL_ITERATIONS = 10_000;

    private PilotDesign() {
    }

    /**
     * One point's answer.
     *
     * @param spread the pilot's spread at the point
     * @param gateReplicates per gated blocking metric, the replicates per arm its own spread asks for
     * @param tailTrialNs the time of {@link #TAIL_ITERATIONS} steps at the pilot's mean step time, ns
     */
    public record PointRow(PointSpread spread, Map<TrialMetric, Integer> gateReplicates, double tailTrialNs) {

        public PointRow {
            gateReplicates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gateReplicates));
        }

        /** The most replicates any gated metric asks for here; 0 when none is gated or the spread is unknown. */
        public int replicates() {
            return gateReplicates.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    /**
     * The gate's answer for the sweep.
     *
     * @param policy the gate policy sized for
     * @param blockingTests m, the blocking tests the gate will make on this plan
     * @param level Holm's first level α / m
     * @param pooledSigma per gated blocking metric, the spread pooled over points
     * @param replicatesByMetric per gated blocking metric, the replicates at the pooled spread
     * @param replicates the recommendation: the most of {@code replicatesByMetric}, at least the policy's min-trials
     * @param pointsNeedingMore points whose own spread asks for more than {@code replicates}
     */
    public record GateAnswer(GatePolicy policy, int blockingTests, double level, Map<TrialMetric, Double> pooledSigma,
            Map<TrialMetric, Integer> replicatesByMetric, int replicates, int pointsNeedingMore) {
    }

    /**
     * The whole answer.
     *
     * @param runId the pilot's run id
     * @param sweep the pilot's sweep name
     * @param rows one per pilot point with OK trials, in plan order
     * @param gate the gate's recommendation
     * @param pilotIterations the median iterations per trial in the pilot
     * @param longestTailTrialNs the longest {@link PointRow#tailTrialNs()}
     */
    public record Result(String runId, String sweep, List<PointRow> rows, GateAnswer gate, long pilotIterations,
            double longestTailTrialNs) {

        public Result {
            rows = List.copyOf(rows);
        }
    }

    /** Sizes a sweep like {@code pilot} for {@code policy}. */
    public static Result of(RunMetrics pilot, GatePolicy policy) {
        Map<String, List<TrialValues>> byPoint = pilot.trialsByPoint();
        List<TrialMetric> gated = new ArrayList<>();
        policy.margins().keySet().stream().filter(m -> !policy.reportOnly(m)).forEach(gated::add);
        int m = 0;
        for (PointEntry p : pilot.points()) {
            if (policy.blocks(p)) {
                m += (int) gatedAt(policy, p).size();
            }
        }
        double level = policy.alpha() / Math.max(1, m);
        List<PointRow> rows = new ArrayList<>();
        Map<TrialMetric, double[]> pooled = new EnumMap<>(TrialMetric.class); // sum of df·σ², sum of df
        for (PointEntry p : pilot.points()) {
            List<TrialValues> trials = byPoint.getOrDefault(p.id(), List.of());
            if (trials.isEmpty()) {
                continue;
            }
            PointSpread s = PointSpread.of(p, trials, gated);
            Map<TrialMetric, Integer> need = new LinkedHashMap<>();
            if (policy.blocks(p)) {
                for (TrialMetric g : gatedAt(policy, p)) {
                    double sigma = s.sigma(g);
                    need.put(g, GateSampleSize.replicates(sigma, GateSampleSize.effect(g, policy.margins().get(g)),
                            level, policy.minTrials()));
                    if (!Double.isNaN(sigma)) {
                        double[] acc = pooled.computeIfAbsent(g, k -> new double[2]);
                        acc[0] += (s.trials() - 1) * sigma * sigma;
                        acc[1] += s.trials() - 1;
                    }
                }
            }
            rows.add(new PointRow(s, need, TAIL_ITERATIONS * s.meanStepNs()));
        }
        Map<TrialMetric, Double> pooledSigma = new LinkedHashMap<>();
        Map<TrialMetric, Integer> byMetric = new LinkedHashMap<>();
        int recommended = policy.minTrials();
        for (TrialMetric g : gated) {
            double[] acc = pooled.get(g);
            if (acc == null || acc[1] == 0) {
                continue;
            }
            double sigma = Math.sqrt(acc[0] / acc[1]);
            int n = GateSampleSize.replicates(sigma, GateSampleSize.effect(g, policy.margins().get(g)), level,
                    policy.minTrials());
            pooledSigma.put(g, sigma);
            byMetric.put(g, n);
            recommended = Math.max(recommended, n);
        }
        int finalRecommended = recommended;
        int more = (int) rows.stream().filter(r -> r.replicates() > finalRecommended).count();
        long iterations = Math.round(dev.scalebench.stats.Stats.median(
                rows.stream().mapToDouble(r -> r.spread().iterations()).toArray()));
        double longest = rows.stream().mapToDouble(PointRow::tailTrialNs).filter(Double::isFinite).max()
                .orElse(Double.NaN);
        GateAnswer gate = new GateAnswer(policy, m, level, pooledSigma, byMetric, recommended, more);
        return new Result(pilot.runId(), pilot.sweep(), rows, gate, iterations, longest);
    }

    /** The policy's blocking metrics tested at {@code p}'s phase. */
    private static List<TrialMetric> gatedAt(GatePolicy policy, PointEntry p) {
        return policy.marginsFor(p.phase()).keySet().stream().filter(g -> !policy.reportOnly(g)).toList();
    }
}
