package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AaCalibrationTest {
    private static final GatePolicy POLICY = GatePolicy.defaults().withMargins(Map.of(TrialMetric.P99, 0.05))
            .withResamples(1000);

    @Test
    void runsOfOneBuildOnAQuietMachineShowNoFalseAlarm() {
        List<RunMetrics> runs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            runs.add(GateSimulation.run("r" + i, GateSimulation.points(4), 10, 0.01, GateSimulation.none(4), rnd));
        }
        AaCalibration.Result r = new AaCalibration(POLICY).calibrate(runs, 20, 1);
        assertThat(r.pairs()).hasSize(6);
        assertThat(r.pairRate().events()).isZero();
        assertThat(r.splits()).isEqualTo(80);
        assertThat(r.splitsWithRegression()).isZero();
        assertThat(r.miscalibrated()).isFalse();
        assertThat(r.outcome()).isEqualTo(AaCalibration.Outcome.CONSISTENT);
        assertThat(r.exitCode()).isZero();
        assertThat(r.pairs()).allMatch(AaCalibration.Pair::regressionPossible);
        assertThat(r.pairRate().interval().hi()).isLessThan(0.5);
    }

    /** Today's complaint: one pair said "consistent with α" on an interval of 0–79 %. */
    @Test
    void onePairIsTooLittleEvidenceAndSaysWhatWouldBeEnough() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<RunMetrics> runs = List.of(
                GateSimulation.run("a", GateSimulation.points(4), 5, 0.01, GateSimulation.none(4), rnd),
                GateSimulation.run("b", GateSimulation.points(4), 5, 0.01, GateSimulation.none(4), rnd));
        AaCalibration.Result r = new AaCalibration(POLICY).calibrate(runs, 100, 1);
        assertThat(r.pairRate().trials()).isEqualTo(1);
        assertThat(r.pairRate().interval().hi()).isCloseTo(0.79, within(0.01));
        assertThat(r.outcome()).isEqualTo(AaCalibration.Outcome.TOO_LITTLE_EVIDENCE);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.notes().get(0)).startsWith("too little evidence to tell whether the false-alarm rate is within"
                + " α = 0.05: 2 runs give 1 pair (a Wilson"
                + " 95 % interval of 0–79 % with no false alarm), and no within-run split could be counted.")
                .contains("Gate at least 3 runs of one build, or runs with at least 2 × min-trials = 10 replicates"
                        + " for at least 73 splits");
    }

    @Test
    void oneRunWithEnoughSplitsIsEvidenceAndTooFewSplitsAreNot() {
        SplittableRandom rnd = new SplittableRandom(13);
        List<RunMetrics> one = List.of(GateSimulation.run("a", GateSimulation.points(3), 10, 0.01,
                GateSimulation.none(3), rnd));
        AaCalibration.Result enough = new AaCalibration(POLICY).calibrate(one, 80, 1);
        assertThat(enough.splits()).isEqualTo(80);
        assertThat(enough.outcome()).isEqualTo(AaCalibration.Outcome.CONSISTENT);
        assertThat(enough.notes()).anyMatch(n -> n.contains("1 run is too few for a between-run estimate"));
        AaCalibration.Result few = new AaCalibration(POLICY).calibrate(one, 20, 1);
        assertThat(few.outcome()).isEqualTo(AaCalibration.Outcome.TOO_LITTLE_EVIDENCE);
        assertThat(few.notes().get(0)).contains("1 run gives no pair")
                .contains("20 within-run splits cannot show a rate below α (with no false alarm the interval reaches"
                        + " 16 %)");
    }

    /**
     * Smoke-sized runs: 32 points × 2 metrics at 5 + 5 trials cannot clear Holm's first step (0.004 > 0.05 / 64),
     * so no false alarm was possible and a rate of 0 would be true by construction: not counted, and said.
     */
    @Test
    void comparisonsThatCouldNotRaiseARegressionAreNotCounted() {
        GatePolicy two = POLICY.withMargins(new java.util.LinkedHashMap<>(Map.of(TrialMetric.P99, 0.05,
                TrialMetric.P50, 0.05)));
        SplittableRandom rnd = new SplittableRandom(17);
        List<RunMetrics> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(GateSimulation.run("r" + i, GateSimulation.points(32), 5, 0.01, GateSimulation.none(32), rnd));
        }
        AaCalibration.Result r = new AaCalibration(two).calibrate(runs, 10, 1);
        assertThat(r.pairs()).hasSize(3).noneMatch(AaCalibration.Pair::regressionPossible);
        assertThat(r.pairRate().trials()).isZero();
        assertThat(r.outcome()).isEqualTo(AaCalibration.Outcome.TOO_LITTLE_EVIDENCE);
        assertThat(r.notes().get(0)).contains("no pair of these runs could have raised a regression");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("between runs: no false alarm was possible")
                && n.contains("Run at least 7 trials per arm"));
    }

    @Test
    void seventyThreeSplitsAreTheFewestWhoseIntervalCanLieBelowFivePercent() {
        assertThat(AaCalibration.minSplits(0.05)).isEqualTo(73);
        assertThat(AaCalibration.rate(0, 73).interval().hi()).isLessThan(0.05);
        assertThat(AaCalibration.rate(0, 72).interval().hi()).isGreaterThanOrEqualTo(0.05);
    }

    /** Run-to-run drift (each run's level shifted by 20 %) is what between-run pairs see and splits do not. */
    @Test
    void driftBetweenRunsShowsAsBetweenRunFalseAlarms() {
        List<RunMetrics> runs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(5);
        double[] drift = {1.0, 1.25, 1.0, 1.25};
        for (int i = 0; i < drift.length; i++) {
            double[] e = GateSimulation.none(4);
            java.util.Arrays.fill(e, drift[i]);
            runs.add(GateSimulation.run("r" + i, GateSimulation.points(4), 10, 0.01, e, rnd));
        }
        AaCalibration.Result r = new AaCalibration(POLICY).calibrate(runs, 10, 1);
        assertThat(r.pairRate().events()).as("pairs (0,1), (0,3), (2,3): a slower candidate").isEqualTo(3);
        assertThat(r.splitsWithRegression()).isZero();
    }

    @Test
    void tooFewTrialsForSplitsAndMixedCommitsAreNoted() {
        SplittableRandom rnd = new SplittableRandom(7);
        RunMetrics a = GateSimulation.run("a", GateSimulation.points(2), 5, 0.01, GateSimulation.none(2), rnd);
        RunMetrics b = GateSimulation.run("b", GateSimulation.points(2), 5, 0.01, GateSimulation.none(2), rnd);
        Map<String, String> fp = new HashMap<>(b.fingerprint());
        fp.put("git.commit", "other");
        RunMetrics b2 = new RunMetrics("b", b.sweep(), b.status(), b.started(), b.ended(), fp, "", b.points(),
                b.trials(), b.failedTrials());
        AaCalibration.Result r = new AaCalibration(POLICY).calibrate(List.of(a, b2), 10, 1);
        assertThat(r.splits()).isZero();
        assertThat(r.splitRate().interval().isDefined()).isFalse();
        assertThat(r.outcome()).isEqualTo(AaCalibration.Outcome.TOO_LITTLE_EVIDENCE);
        assertThat(r.notes()).anyMatch(n -> n.contains("within-run splits need 10 trials per point"))
                .anyMatch(n -> n.contains("2 different commits"));
    }

    @Test
    void wilsonIntervalMatchesTheTextbook() {
        AaCalibration.Rate r = AaCalibration.rate(1, 20);
        // Wilson 95 % for 1/20: [0.00889, 0.23611]
        assertThat(r.interval().lo()).isCloseTo(0.00889, within(1e-4));
        assertThat(r.interval().hi()).isCloseTo(0.23611, within(1e-4));
        assertThat(AaCalibration.rate(0, 200).interval().hi()).isCloseTo(0.01885, within(1e-4));
        assertThat(AaCalibration.rate(0, 3).interval().lo()).isZero();
        assertThat(AaCalibration.rate(3, 3).interval().hi()).isEqualTo(1.0);
    }
}
