package dev.scalebench.analysis.gate;

import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A/A calibration: the observed false-alarm rate of a policy on this machine, from runs of one build. Any
 * REGRESSION between runs of the same build is a false alarm.
 *
 * <p>Two estimates. <b>Between runs</b>: every pair of runs (the earlier as baseline) is gated; this includes what
 * changes from run to run on a real machine (clock drift, neighbours, thermal state), which is what a deploy gate
 * meets. <b>Within runs</b>: the trials of each point are split at random into two halves, many times, and the
 * halves gated; this sees only trial-to-trial noise, so it estimates the rate the statistics promise, and a
 * between-run rate far above it points at run-to-run drift. Rates come with Wilson 95 % intervals.
 */
public final class AaCalibration {

    private final Gate gate;

    public AaCalibration(GatePolicy policy) {
        this.gate = new Gate(policy);
    }

    /**
     * The result.
     *
     * @param policy the policy calibrated
     * @param runs the run ids, in the order given
     * @param pairs one outcome per pair of runs
     * @param pairRate share of pairs with any blocking REGRESSION, with its Wilson 95 % interval
     * @param splits within-run splits gated
     * @param splitsWithRegression of which raised any blocking REGRESSION
     * @param splitRate their share, with its Wilson 95 % interval (undefined without splits)
     * @param notes what limits the estimate, one sentence each
     */
    public record Result(GatePolicy policy, List<String> runs, List<Pair> pairs, Rate pairRate, int splits,
            int splitsWithRegression, Rate splitRate, List<String> notes) {

        public Result {
            runs = List.copyOf(runs);
            pairs = List.copyOf(pairs);
            notes = List.copyOf(notes);
        }

        /** Whether the observed rate is clearly above the policy's α (the Wilson interval lies above it). */
        public boolean miscalibrated() {
            return pairRate.interval().lo() > policy.alpha() || splitRate.interval().lo() > policy.alpha();
        }
    }

    /**
     * One pair of runs gated.
     *
     * @param baseline baseline run id
     * @param candidate candidate run id
     * @param verdict the gate's verdict
     * @param regressions points called REGRESSION (false alarms)
     * @param inconclusive points left INCONCLUSIVE
     * @param points points gated
     */
    public record Pair(String baseline, String candidate, Verdict verdict, int regressions, int inconclusive,
            int points) { }

    /**
     * An observed rate.
     *
     * @param events events counted
     * @param trials trials counted
     * @param interval Wilson 95 % interval; undefined when no trials
     */
    public record Rate(int events, int trials, Interval interval) {
        /** The observed share; NaN when no trials. */
        public double value() {
            return trials == 0 ? Double.NaN : events / (double) trials;
        }
    }

    /**
     * Calibrates on {@code runs} (at least one; two or more for the between-run estimate) with {@code splits}
     * random half-splits per run.
     */
    public Result calibrate(List<RunMetrics> runs, int splits, long seed) {
        List<String> notes = new ArrayList<>();
        Set<String> commits = new HashSet<>();
        runs.forEach(r -> commits.add(r.fingerprint().getOrDefault("git.commit", "unknown")));
        if (commits.size() > 1) {
            notes.add("the runs come from " + commits.size() + " different commits; an A/A calibration needs one"
                    + " build, so a REGRESSION here may be real");
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                GateResult g = gate.evaluate(runs.get(i), runs.get(j), runs.get(i).runId(), runs.get(j).runId(),
                        false);
                pairs.add(new Pair(runs.get(i).runId(), runs.get(j).runId(), g.verdict(),
                        (int) g.points().stream().filter(PointVerdict::fails).count(),
                        (int) g.points().stream().filter(p -> p.verdict() == Verdict.INCONCLUSIVE).count(),
                        g.points().size()));
            }
        }
        if (runs.size() < 2) {
            notes.add("one run gives no between-run estimate; run the same sweep again with the same build");
        }
        int done = 0;
        int alarms = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        int need = 2 * gate.policy().minTrials();
        for (RunMetrics r : runs) {
            int fewest = r.trialsByPoint().values().stream().mapToInt(List::size).min().orElse(0);
            if (fewest < need) {
                notes.add(r.runId() + ": within-run splits need " + need + " trials per point (twice min-trials); "
                        + "the fewest here is " + fewest);
                continue;
            }
            for (int s = 0; s < splits; s++) {
                RunMetrics[] halves = split(r, rnd);
                GateResult g = gate.evaluate(halves[0], halves[1], "half A", "half B", false);
                done++;
                if (g.verdict() == Verdict.REGRESSION) {
                    alarms++;
                }
            }
        }
        int pairAlarms = (int) pairs.stream().filter(p -> p.verdict() == Verdict.REGRESSION).count();
        return new Result(gate.policy(), runs.stream().map(RunMetrics::runId).toList(), pairs,
                rate(pairAlarms, pairs.size()), done, alarms, rate(alarms, done), notes);
    }

    /** The run's trials, each point's split at random into two halves of equal size (an odd one left out). */
    static RunMetrics[] split(RunMetrics r, SplittableRandom rnd) {
        List<TrialValues> a = new ArrayList<>();
        List<TrialValues> b = new ArrayList<>();
        for (List<TrialValues> ts : r.trialsByPoint().values()) {
            List<TrialValues> shuffled = new ArrayList<>(ts);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                java.util.Collections.swap(shuffled, i, rnd.nextInt(i + 1));
            }
            int half = shuffled.size() / 2;
            a.addAll(shuffled.subList(0, half));
            b.addAll(shuffled.subList(half, 2 * half));
        }
        List<PointEntry> points = r.points();
        return new RunMetrics[] {
            new RunMetrics(r.runId() + "/A", r.sweep(), r.status(), r.started(), r.ended(), r.fingerprint(),
                    r.specHash(), points, a, Map.of()),
            new RunMetrics(r.runId() + "/B", r.sweep(), r.status(), r.started(), r.ended(),
                    r.fingerprint(), r.specHash(), points, b, Map.of())};
    }

    /** The Wilson score interval at 95 %. */
    static Rate rate(int events, int trials) {
        if (trials == 0) {
            return new Rate(0, 0, Interval.UNDEFINED);
        }
        double z = 1.959963984540054;
        double p = events / (double) trials;
        double denom = 1 + z * z / trials;
        double centre = (p + z * z / (2.0 * trials)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / denom;
        // exact at the ends: no events gives 0, all events gives 1 (the formula leaves rounding dust there)
        double lo = events == 0 ? 0 : Math.max(0, centre - half);
        double hi = events == trials ? 1 : Math.min(1, centre + half);
        return new Rate(events, trials, new Interval(lo, hi));
    }
}
