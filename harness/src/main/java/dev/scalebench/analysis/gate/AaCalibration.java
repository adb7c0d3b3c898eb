package dev.scalebench.analysis.gate;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 *
 * <p>Only comparisons that could have raised a REGRESSION count ({@link GateResult#regressionPossible()}): with too
 * few trials for the number of blocking tests none can, and a rate of 0 would be true by construction. And an
 * estimate says something only with enough comparisons: at least {@value #MIN_RUNS} runs for the between-run
 * estimate, and for the within-run one enough splits that a rate of 0 would have its interval below α
 * ({@link #minSplits(double)}: 73 for α = 0.05). With neither, the result is {@link Outcome#TOO_LITTLE_EVIDENCE}
 * and says what would give it (one pair has a Wilson interval of 0–79 %, which no α can be judged against).
 */
public final class AaCalibration {

    /** Runs the between-run estimate needs to count as evidence. */
    public static final int MIN_RUNS = 3;

    private static final double Z95 = 1.959963984540054;

    private final Gate gate;

    public AaCalibration(GatePolicy policy) {
        this.gate = new Gate(policy);
    }

    /** What the calibration concluded, with the exit code of {@code gate --aa}. */
    public enum Outcome {
        /** No observed rate is clearly above α, and at least one estimate rests on enough comparisons. */
        CONSISTENT(0),
        /** An observed rate is clearly above α: its Wilson interval lies above it. */
        MISCALIBRATED(1),
        /** Neither estimate rests on enough comparisons that could have raised a regression. */
        TOO_LITTLE_EVIDENCE(3);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of {@code gate --aa}: 0, 1, or 3 (as the gate's INCONCLUSIVE). */
        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * The result.
     *
     * @param policy the policy calibrated
     * @param runs the run ids, in the order given
     * @param pairs one outcome per pair of runs
     * @param pairRate share of the pairs that could raise a regression with any blocking REGRESSION, with its
     *     Wilson 95 % interval (undefined without such pairs)
     * @param splits within-run splits gated that could raise a regression
     * @param splitsWithRegression of which raised any blocking REGRESSION
     * @param splitRate their share, with its Wilson 95 % interval (undefined without splits)
     * @param outcome what the rates say about α
     * @param notes what limits the estimate, one sentence each; with {@link Outcome#TOO_LITTLE_EVIDENCE} the first
     *     says why and what would give enough
     */
    public record Result(GatePolicy policy, List<String> runs, List<Pair> pairs, Rate pairRate, int splits,
            int splitsWithRegression, Rate splitRate, Outcome outcome, List<String> notes) {

        public Result {
            runs = List.copyOf(runs);
            pairs = List.copyOf(pairs);
            notes = List.copyOf(notes);
        }

        /** Whether the observed rate is clearly above the policy's α (the Wilson interval lies above it). */
        public boolean miscalibrated() {
            return outcome == Outcome.MISCALIBRATED;
        }

        /** The exit code of {@code gate --aa}. */
        public int exitCode() {
            return outcome.exitCode();
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
     * @param regressionPossible whether the pair's trials could have raised a REGRESSION at all
     *     ({@link GateResult#regressionPossible()}); only such pairs count in the rate
     */
    public record Pair(String baseline, String candidate, Verdict verdict, int regressions, int inconclusive,
            int points, boolean regressionPossible) { }

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
     * The fewest comparisons whose Wilson 95 % interval, with no false alarm among them, lies below {@code alpha}:
     * {@code z² / (n + z²) < α}, so {@code n > z² (1 − α) / α} (73 for α = 0.05).
     */
    public static int minSplits(double alpha) {
        return (int) Math.floor(Z95 * Z95 * (1 - alpha) / alpha) + 1;
    }

    /**
     * Calibrates on {@code runs} (at least one; {@value #MIN_RUNS} or more for the between-run estimate) with
     * {@code splits} random half-splits per run.
     */
    public Result calibrate(List<RunMetrics> runs, int splits, long seed) {
        List<String> notes = new ArrayList<>();
        Set<String> commits = new HashSet<>();
        runs.forEach(r -> commits.add(r.fingerprint().getOrDefault("git.commit", "unknown")));
        if (commits.size() > 1) {
            notes.add("the runs come from " + commits.size() + " different commits; an A/A calibration needs one"
                    + " build, so a REGRESSION here may be real");
        }
        Set<String> resolution = new LinkedHashSet<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                GateResult g = gate.evaluate(runs.get(i), runs.get(j), runs.get(i).runId(), runs.get(j).runId(),
                        false);
                boolean possible = g.regressionPossible();
                if (!possible) {
                    resolution.add(impossible("between runs", g));
                }
                pairs.add(new Pair(runs.get(i).runId(), runs.get(j).runId(), g.verdict(),
                        (int) g.points().stream().filter(PointVerdict::fails).count(),
                        (int) g.points().stream().filter(p -> p.verdict() == Verdict.INCONCLUSIVE).count(),
                        g.points().size(), possible));
            }
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
                if (!g.regressionPossible()) {
                    resolution.add(impossible("within runs", g));
                    continue;
                }
                done++;
                if (g.verdict() == Verdict.REGRESSION) {
                    alarms++;
                }
            }
        }
        notes.addAll(resolution);
        List<Pair> counted = pairs.stream().filter(Pair::regressionPossible).toList();
        int pairAlarms = (int) counted.stream().filter(p -> p.verdict() == Verdict.REGRESSION).count();
        Rate pairRate = rate(pairAlarms, counted.size());
        Rate splitRate = rate(alarms, done);
        double alpha = gate.policy().alpha();
        Outcome outcome;
        if (pairRate.interval().lo() > alpha || splitRate.interval().lo() > alpha) {
            outcome = Outcome.MISCALIBRATED;
        } else if ((runs.size() >= MIN_RUNS && !counted.isEmpty()) || done >= minSplits(alpha)) {
            outcome = Outcome.CONSISTENT;
        } else {
            outcome = Outcome.TOO_LITTLE_EVIDENCE;
            notes.add(0, tooLittle(runs.size(), pairs.size(), counted.size(), done, alpha));
        }
        if (outcome != Outcome.TOO_LITTLE_EVIDENCE && runs.size() < MIN_RUNS) {
            notes.add(runs.size() + (runs.size() == 1 ? " run is" : " runs are") + " too few for a between-run"
                    + " estimate (it needs " + MIN_RUNS + "): the verdict rests on the within-run splits");
        }
        return new Result(gate.policy(), runs.stream().map(RunMetrics::runId).toList(), pairs, pairRate, done, alarms,
                splitRate, outcome, notes);
    }

    /** Why the comparisons so far cannot judge α, and what would. */
    private String tooLittle(int runCount, int allPairs, int pairs, int splitsDone, double alpha) {
        String have;
        if (pairs == 0 && allPairs > 0) {
            have = "no pair of these runs could have raised a regression";
        } else {
            have = runCount + (runCount == 1 ? " run gives no pair" : " runs give " + pairs + (pairs == 1 ? " pair"
                    : " pairs")) + (pairs > 0 ? " (a Wilson 95 % interval of 0–"
                    + Math.round(100 * rate(0, pairs).interval().hi()) + " % with no false alarm)" : "");
        }
        String splits = splitsDone == 0 ? "no within-run split could be counted"
                : splitsDone + " within-run splits cannot show a rate below α (with no false alarm the interval"
                        + " reaches " + Math.round(100 * rate(0, splitsDone).interval().hi()) + " %)";
        return "too little evidence to tell whether the false-alarm rate is within α = " + Numbers.sig(alpha, 2)
                + ": " + have + ", and " + splits
                + ". Gate at least " + MIN_RUNS + " runs of one build, or runs with at least 2 × min-trials = "
                + 2 * gate.policy().minTrials() + " replicates for at least " + minSplits(alpha)
                + " splits (--splits)";
    }

    /** The note for comparisons that could not have raised a regression, from the gate's own resolution note. */
    private static String impossible(String where, GateResult g) {
        String why = g.notes().stream().filter(n -> n.contains("no regression can be declared")).findFirst()
                .orElse("no blocking point could be tested");
        return where + ": no false alarm was possible, so these comparisons are not counted: " + why;
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
        double z = Z95;
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
