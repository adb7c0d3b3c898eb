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
        assertThat(r.pairRate().interval().hi()).isLessThan(0.5);
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
