package dev.scalebench.analysis.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.gate.Gate;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateSimulation;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A design sized by {@link GateSampleSize} reaches the stated power with the gate's own test: 8 blocking points, p99
 * gated at +5 %, one point truly one margin beyond the threshold ({@code 1.05²}), the others unchanged; the
 * replicates per arm are the estimator's for the known noise. The share of seeds in which the gate declares that
 * point a REGRESSION must reach 0.90 within two Monte Carlo standard errors.
 */
class GateSizingSimulationTest {
    private static final int POINTS = 8;
    private static final List<PointEntry> SWEEP = GateSimulation.points(POINTS);
    private static final GatePolicy POLICY = GatePolicy.defaults().withMargins(Map.of(TrialMetric.P99, 0.05))
            .withResamples(2000);

    /** The small version in verify: 60 seeds, two noise levels. */
    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.04})
    void aSizedDesignReachesThePower(double sigma) {
        double power = realisedPower(sigma, 60);
        assertThat(power).as("power at sigma %s", sigma).isGreaterThanOrEqualTo(GateSampleSize.POWER - 2 * se(60));
    }

    /** The full version: 200 seeds per noise level (docs/analysis.md, "Sample size from a pilot"). */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.02, 0.04, 0.06})
    void aSizedDesignReachesThePowerOver200Seeds(double sigma) {
        double power = realisedPower(sigma, 200);
        System.out.printf("sigma %.2f: n = %d, power %.3f%n", sigma, replicates(sigma), power);
        assertThat(power).isGreaterThanOrEqualTo(GateSampleSize.POWER - 2 * se(200));
    }

    static int replicates(double sigma) {
        double level = POLICY.alpha() / POINTS;
        return GateSampleSize.replicates(sigma, GateSampleSize.effect(TrialMetric.P99, 0.05), level,
                POLICY.minTrials());
    }

    static double realisedPower(double sigma, int seeds) {
        int n = replicates(sigma);
        Gate gate = new Gate(POLICY);
        double[] truth = GateSimulation.none(POINTS);
        truth[2] = 1.05 * 1.05;
        int caught = 0;
        for (int s = 0; s < seeds; s++) {
            SplittableRandom rnd = new SplittableRandom(31_000 + s);
            RunMetrics a = GateSimulation.run("a", SWEEP, n, sigma, GateSimulation.none(POINTS), rnd);
            RunMetrics b = GateSimulation.run("b", SWEEP, n, sigma, truth, rnd);
            if (gate.evaluate(a, b, "a", "b", false).points().get(2).verdict() == Verdict.REGRESSION) {
                caught++;
            }
        }
        return caught / (double) seeds;
    }

    private static double se(int seeds) {
        return Math.sqrt(GateSampleSize.POWER * (1 - GateSampleSize.POWER) / seeds);
    }
}
