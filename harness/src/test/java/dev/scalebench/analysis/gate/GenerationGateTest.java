package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.GenerationValues;
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
 * The gate on runs with generate points, faked with a known truth: the default policy tests ttft_p99, tpot_p99 and
 * throughput (blocking) and tpot_p50 and e2e_p99 (report-only) at a generate point, and p99 and throughput at a
 * prefill or decode point exactly as before; a metric a point lacks is not tested and not counted by Holm.
 */
class GenerationGateTest {
    private static final PointEntry DECODE = new PointEntry("m/fp32/decode/b4/s64", "sim", "cpu", "m", 1_000_000,
            "fp32", "decode", 4, 64);
    private static final PointEntry GEN = new PointEntry("m/fp32/generate/b4/s64/o8", "sim", "cpu", "m", 1_000_000,
            "fp32", "generate", 4, 64, null, 8);
    private static final GatePolicy DEFAULT = GatePolicy.defaults().withResamples(2000);

    /**
     * 6 trials per point; at the generate point the TPOT figures are multiplied by {@code tpot} and the end-to-end
     * latencies by {@code e2e} (so throughput falls by its inverse); {@code generation} false stores the generate
     * point's trials without their split by token (as a history indexed before it kept them).
     */
    private static RunMetrics run(String id, double tpot, double e2e, boolean generation, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<TrialValues> t = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            double l = 1e6 * noise(rnd);
            t.add(new TrialValues(DECODE.id(), r, l, 1.1 * l, 1.3 * l, 1.4 * l, 1.02 * l, 1.5 * l, 4, 500, List.of()));
        }
        for (int r = 0; r < 6; r++) {
            double l = 8e6 * e2e * noise(rnd);
            GenerationValues g = new GenerationValues(8, 1e6 * noise(rnd), 1.2e6 * noise(rnd),
                    1e6 * tpot * noise(rnd), 1.3e6 * tpot * noise(rnd), 1e6 * tpot * noise(rnd),
                    1.4e6 * tpot * noise(rnd));
            t.add(new TrialValues(GEN.id(), r, l, 1.1 * l, 1.3 * l, 1.4 * l, 1.02 * l, 1.5 * l, 32, 50, List.of(),
                    Double.NaN, generation ? g : null));
        }
        return new RunMetrics(id, "gen", RunManifest.Status.COMPLETE, GateSimulation.T0, GateSimulation.T0,
                GateSimulation.FP, "", List.of(DECODE, GEN), t, Map.of());
    }

    private static double noise(SplittableRandom rnd) {
        return Math.exp(0.003 * (rnd.nextDouble() - 0.5));
    }

    private static List<String> metrics(PointVerdict p) {
        return p.tests().stream().map(t -> t.metric().id() + (t.reportOnly() ? "*" : "")).toList();
    }

    @Test
    void theDefaultPolicyTestsEachPointOnTheMetricsItHas() {
        GateResult r = new Gate(DEFAULT).evaluate(run("a", 1, 1, true, 1), run("b", 1, 1, true, 2), "a", "b", false);
        assertThat(metrics(r.points().get(0))).containsExactly("p99", "throughput");
        assertThat(metrics(r.points().get(1))).containsExactly("throughput", "ttft_p99", "tpot_p99", "tpot_p50*",
                "e2e_p99*");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.points()).noneMatch(PointVerdict::warns);
    }

    @Test
    void aSlowerTpotBlocksTheGenerationPointOnly() {
        GateResult r = new Gate(DEFAULT).evaluate(run("a", 1, 1, true, 1), run("b", 1.3, 1, true, 2), "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.points().get(0).verdict()).isEqualTo(Verdict.PASS);
        PointVerdict g = r.points().get(1);
        assertThat(g.fails()).isTrue();
        assertThat(g.reason()).startsWith("tpot_p99 +").contains("worse than the +5 % margin").contains("Holm");
        assertThat(g.tests().get(2).ratio()).isBetween(1.28, 1.32);
        MetricTest median = g.tests().get(3);
        assertThat(median.metric()).isEqualTo(TrialMetric.TPOT_P50);
        assertThat(median.verdict()).as("report-only: tested, a regression").isEqualTo(Verdict.REGRESSION);
        assertThat(median.reason()).as("with the warnings, not Holm").doesNotContain("Holm");
    }

    @Test
    void aReportOnlyRegressionWarnsWithoutFailing() {
        GatePolicy e2eOnly = new GatePolicy("t", Map.of(TrialMetric.TTFT_P99, 0.05, TrialMetric.E2E_P99, 0.05),
                0.05, 0.10, List.of(), true, 5, 2000, 1, DEFAULT.fingerprint(), java.util.Set.of(TrialMetric.E2E_P99));
        GateResult r = new Gate(e2eOnly).evaluate(run("a", 1, 1, true, 1), run("b", 1, 1.3, true, 2), "a", "b", false);
        PointVerdict g = r.points().get(0);
        assertThat(g.pointId()).as("the decode point has no metric of this policy: not gated").isEqualTo(GEN.id());
        assertThat(r.notes()).anyMatch(n -> n.contains("1 point(s) not gated") && n.contains(DECODE.id()));
        assertThat(g.verdict()).isEqualTo(Verdict.PASS);
        assertThat(g.fails()).isFalse();
        assertThat(g.warns()).isTrue();
        assertThat(r.warnings()).containsExactly(g);
        assertThat(g.reason()).contains("warning (report-only): e2e_p99 +");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aPointWhoseGenerationValuesAreMissingIsSkippedNotFailed() {
        GateResult r = new Gate(DEFAULT).evaluate(run("a", 1, 1, false, 1), run("b", 1.3, 1, true, 2), "a", "b",
                false);
        PointVerdict g = r.points().get(1);
        assertThat(metrics(g)).as("only the metrics both arms have").containsExactly("throughput");
        assertThat(g.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.points().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void holmCountsOnlyTheTestsMade() {
        // 2 blocking tests at the decode point and 3 at the generate point: alpha / 5 at Holm's first step
        GateResult r = new Gate(DEFAULT).evaluate(run("a", 1, 1, true, 1), run("b", 1.3, 1, true, 2), "a", "b", false);
        MetricTest tpot99 = r.points().get(1).tests().get(2);
        assertThat(tpot99.metric()).isEqualTo(TrialMetric.TPOT_P99);
        assertThat(tpot99.pRegressionAdjusted()).as("Holm over 5 tests").isLessThanOrEqualTo(5 * tpot99.pRegression());
        assertThat(tpot99.pRegressionAdjusted()).isGreaterThanOrEqualTo(tpot99.pRegression());
        assertThat(r.regressionPossible()).isTrue();
        assertThat(r.notes()).noneMatch(n -> n.contains("blocking tests"));
    }
}
