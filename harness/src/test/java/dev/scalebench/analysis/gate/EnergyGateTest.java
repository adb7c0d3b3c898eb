package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.EnergySource;
import dev.scalebench.results.EnergyValues;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The energy metrics as optional gate metrics: a policy file names {@code joules_per_token} with its margin; a
 * scripted 20 % more energy per token at an unchanged latency blocks; without energy readings the metric is not
 * tested (and the default policy never tests it).
 */
class EnergyGateTest {
    private static final PointEntry PREFILL = new PointEntry("m/fp32/prefill/b4/s64", "sim", "cpu", "m", 1_000_000,
            "fp32", "prefill", 4, 64);

    /** 6 trials of 250 steps of 256 tokens, ~1 ms each; energy {@code joules} per trial (× noise), none when 0. */
    private static RunMetrics run(String id, double joules, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<TrialValues> t = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            double l = 1e6 * noise(rnd);
            EnergyValues e = joules > 0 ? new EnergyValues(EnergySource.NVML, joules * noise(rnd), 50, 250, 256) : null;
            t.add(new TrialValues(PREFILL.id(), r, l, 1.1 * l, 1.3 * l, 1.4 * l, 1.02 * l, 1.5 * l, 256, 250,
                    List.of(), Double.NaN, null, e));
        }
        return new RunMetrics(id, "energy", RunManifest.Status.COMPLETE, GateSimulation.T0, GateSimulation.T0,
                GateSimulation.FP, "", List.of(PREFILL), t, Map.of());
    }

    private static double noise(SplittableRandom rnd) {
        return Math.exp(0.01 * (rnd.nextDouble() - 0.5));
    }

    private static final GatePolicy ENERGY = GatePolicies.parse("""
            metrics:
              p99: 0.05
              joules_per_token: 0.05
              tokens_per_joule: 0.05
            blocking: all
            resamples: 2000
            """, "energy.yaml", "energy");

    @Test
    void aPolicyFileAcceptsTheEnergyMetrics() {
        assertThat(ENERGY.margins()).containsEntry(TrialMetric.JOULES_PER_TOKEN, 0.05)
                .containsEntry(TrialMetric.TOKENS_PER_JOULE, 0.05);
        assertThat(GatePolicies.parse("metrics: {joules_per_step: 0.1, power_w: 0.1}\n", "x", "x").margins())
                .containsOnlyKeys(TrialMetric.JOULES_PER_STEP, TrialMetric.POWER_W);
        assertThat(GatePolicy.defaults().margins().keySet()).as("optional: not in the default policy")
                .doesNotContainAnyElementsOf(TrialMetric.ENERGY);
    }

    @Test
    void twentyPercentMoreJoulesPerTokenBlocks() {
        GateResult r = new Gate(ENERGY).evaluate(run("a", 12.5, 1), run("b", 15.0, 2), "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        PointVerdict p = r.points().get(0);
        assertThat(p.fails()).isTrue();
        MetricTest jpt = p.tests().stream().filter(x -> x.metric() == TrialMetric.JOULES_PER_TOKEN).findFirst()
                .orElseThrow();
        assertThat(jpt.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(jpt.ratio()).isBetween(1.18, 1.22);
        assertThat(jpt.baselineMedian()).isBetween(12.5 / 64000 * 0.99, 12.5 / 64000 * 1.01);
        MetricTest tpj = p.tests().stream().filter(x -> x.metric() == TrialMetric.TOKENS_PER_JOULE).findFirst()
                .orElseThrow();
        assertThat(tpj.verdict()).as("higher is better: 1/1.2 is a regression").isEqualTo(Verdict.REGRESSION);
        MetricTest p99 = p.tests().get(0);
        assertThat(p99.verdict()).as("the latency did not change").isEqualTo(Verdict.PASS);
    }

    @Test
    void theSameEnergyPasses() {
        GateResult r = new Gate(ENERGY).evaluate(run("a", 12.5, 1), run("b", 12.5, 2), "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void withoutReadingsTheEnergyMetricsAreNotTested() {
        GateResult r = new Gate(ENERGY).evaluate(run("a", 0, 1), run("b", 0, 2), "a", "b", false);
        assertThat(r.points().get(0).tests()).extracting(MetricTest::metric).containsExactly(TrialMetric.P99);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }
}
