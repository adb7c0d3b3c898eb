package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The gate's error rates on synthetic sweeps with a known truth: 8 points, all blocking, p99 gated at a +5 %
 * margin, per-trial values log-normal. 2000 resamples per test (the policy's default is 10 000) keep this fast;
 * the p-values' Monte Carlo error is then about 0.002 at the levels that matter.
 */
class GateSimulationTest {
    private static final int POINTS = 8;
    private static final int SEEDS = 200;
    private static final List<PointEntry> SWEEP = GateSimulation.points(POINTS);
    private static final Gate GATE = new Gate(GatePolicy.defaults().withMargins(Map.of(TrialMetric.P99, 0.05))
            .withResamples(2000));

    /** A/A: the same build against itself, at a quiet GPU's noise (1 %) and at this shared CPU's (10 %). */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.10})
    void aSweepAgainstItselfRarelyRaisesAnyRegression(double sigma) {
        int falseAlarms = 0;
        for (int s = 0; s < SEEDS; s++) {
            SplittableRandom rnd = new SplittableRandom(1000 + s);
            RunMetrics a = GateSimulation.run("a", SWEEP, 5, sigma, GateSimulation.none(POINTS), rnd);
            RunMetrics b = GateSimulation.run("b", SWEEP, 5, sigma, GateSimulation.none(POINTS), rnd);
            GateResult r = GATE.evaluate(a, b, "a", "b", false);
            assertThat(r.points()).hasSize(POINTS);
            if (r.verdict() == Verdict.REGRESSION) {
                falseAlarms++;
            }
        }
        assertThat(falseAlarms / (double) SEEDS).as("A/A pairs with any REGRESSION").isLessThanOrEqualTo(0.05);
    }

    /**
     * The worst case for false alarms: every point exactly at the margin (+5 %). The family-wise rate must stay
     * near α = 0.05; 0.08 allows for two Monte Carlo standard errors over 200 seeds.
     */
    @Test
    void atTheMarginTheFamilyWiseFalseAlarmRateStaysNearAlpha() {
        double[] atMargin = new double[POINTS];
        Arrays.fill(atMargin, 1.05);
        int falseAlarms = 0;
        for (int s = 0; s < SEEDS; s++) {
            SplittableRandom rnd = new SplittableRandom(5000 + s);
            RunMetrics a = GateSimulation.run("a", SWEEP, 5, 0.02, GateSimulation.none(POINTS), rnd);
            RunMetrics b = GateSimulation.run("b", SWEEP, 5, 0.02, atMargin, rnd);
            if (GATE.evaluate(a, b, "a", "b", false).verdict() == Verdict.REGRESSION) {
                falseAlarms++;
            }
        }
        assertThat(falseAlarms / (double) SEEDS).isLessThanOrEqualTo(0.08);
    }

    /** +10 % p99 at one point of eight, 5 trials per arm, 1 % noise: caught, and only there. */
    @Test
    void anInjectedTenPercentP99RegressionIsCaught() {
        int caught = 0;
        int elsewhere = 0;
        for (int s = 0; s < SEEDS; s++) {
            SplittableRandom rnd = new SplittableRandom(9000 + s);
            double[] effect = GateSimulation.none(POINTS);
            effect[3] = 1.10;
            RunMetrics a = GateSimulation.run("a", SWEEP, 5, 0.01, GateSimulation.none(POINTS), rnd);
            RunMetrics b = GateSimulation.run("b", SWEEP, 5, 0.01, effect, rnd);
            GateResult r = GATE.evaluate(a, b, "a", "b", false);
            if (r.points().get(3).verdict() == Verdict.REGRESSION && r.exitCode() == 1) {
                caught++;
            }
            if (r.points().stream().filter(p -> !p.pointId().equals(SWEEP.get(3).id()))
                    .anyMatch(p -> p.verdict() == Verdict.REGRESSION)) {
                elsewhere++;
            }
        }
        assertThat(caught / (double) SEEDS).as("power").isGreaterThanOrEqualTo(0.90);
        assertThat(elsewhere / (double) SEEDS).as("false alarms at the other points").isLessThanOrEqualTo(0.05);
    }
}
