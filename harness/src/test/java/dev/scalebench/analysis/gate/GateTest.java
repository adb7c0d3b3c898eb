package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateTest {
    private static final List<PointEntry> SWEEP = GateSimulation.points(4);
    private static final GatePolicy P99 = GatePolicy.defaults().withMargins(Map.of(TrialMetric.P99, 0.05))
            .withResamples(2000);

    private static RunMetrics run(String id, int trials, double[] effect, long seed) {
        return GateSimulation.run(id, SWEEP, trials, 0.005, effect, new SplittableRandom(seed));
    }

    private static double[] effectAt(int i, double e) {
        double[] x = GateSimulation.none(SWEEP.size());
        x[i] = e;
        return x;
    }

    @Test
    void samePerformancePassesEveryPoint() {
        GateResult r = new Gate(P99).evaluate(run("a", 6, GateSimulation.none(4), 1),
                run("b", 6, GateSimulation.none(4), 2), "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.points()).allSatisfy(p -> assertThat(p.verdict()).isEqualTo(Verdict.PASS));
        assertThat(r.points().get(0).tests().get(0).interval().contains(1.0)).isTrue();
    }

    @Test
    void aLargeRegressionFailsTheGateAndSaysWhere() {
        GateResult r = new Gate(P99).evaluate(run("a", 6, GateSimulation.none(4), 1), run("b", 6, effectAt(2, 1.3), 2),
                "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.exitCode()).isEqualTo(1);
        PointVerdict p = r.points().get(2);
        assertThat(p.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(p.reason()).contains("p99").contains("+30").contains("Holm");
        assertThat(p.tests().get(0).ratio()).isBetween(1.25, 1.35);
        assertThat(p.tests().get(0).worsePercent()).isBetween(25.0, 35.0);
    }

    @Test
    void aLargeImprovementIsImproved() {
        GateResult r = new Gate(P99).evaluate(run("a", 6, GateSimulation.none(4), 1), run("b", 6, effectAt(0, 0.7), 2),
                "a", "b", false);
        assertThat(r.points().get(0).verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void throughputRegressesWhenItFalls() {
        GatePolicy tp = P99.withMargins(Map.of(TrialMetric.THROUGHPUT, 0.05));
        RunMetrics a = run("a", 6, GateSimulation.none(4), 1);
        RunMetrics slower = scaleMean(run("b", 6, GateSimulation.none(4), 2), 1.25);
        RunMetrics faster = scaleMean(run("b", 6, GateSimulation.none(4), 2), 0.75);
        GateResult r = new Gate(tp).evaluate(a, slower, "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.points().get(0).tests().get(0).ratio()).isLessThan(0.85);
        assertThat(r.points().get(0).tests().get(0).worsePercent()).isGreaterThan(15);
        assertThat(new Gate(tp).evaluate(a, faster, "a", "b", false).points())
                .allSatisfy(p -> assertThat(p.verdict()).isEqualTo(Verdict.IMPROVED));
    }

    private static RunMetrics scaleMean(RunMetrics r, double f) {
        List<TrialValues> t = r.trials().stream().map(v -> new TrialValues(v.pointId(), v.replicate(), v.p50Ns(),
                v.p90Ns(), v.p99Ns(), v.p999Ns(), v.meanNs() * f, v.maxNs(), v.tokensPerStep(), v.iterations(),
                v.flags())).toList();
        return new RunMetrics(r.runId(), r.sweep(), r.status(), r.started(), r.ended(), r.fingerprint(), r.specHash(),
                r.points(), t, r.failedTrials());
    }

    @Test
    void tooFewTrialsIsInconclusiveAndNamesTheMinimum() {
        GateResult r = new Gate(P99).evaluate(run("a", 3, GateSimulation.none(4), 1),
                run("b", 3, GateSimulation.none(4), 2), "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.points().get(0).reason()).contains("baseline 3, candidate 3").contains("needs 5");
    }

    /** A point that cannot be tested still carries the values the runs have, so that no table shows "—" for them. */
    @Test
    void anUntestedPointCarriesTheMediansTheRunsHave() {
        RunMetrics a = run("a", 3, GateSimulation.none(4), 1);
        RunMetrics b = run("b", 3, effectAt(0, 1.2), 2);
        PointVerdict p = new Gate(P99).evaluate(a, b, "a", "b", false).points().get(0);
        assertThat(p.tests()).hasSize(1);
        MetricTest t = p.tests().get(0);
        assertThat(t.tested()).isFalse();
        assertThat(t.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        double[] xa = a.trialsByPoint().get(p.pointId()).stream().mapToDouble(v -> v.value(TrialMetric.P99)).toArray();
        double[] xb = b.trialsByPoint().get(p.pointId()).stream().mapToDouble(v -> v.value(TrialMetric.P99)).toArray();
        assertThat(t.baselineMedian()).isEqualTo(dev.scalebench.stats.Stats.median(xa));
        assertThat(t.candidateMedian()).isEqualTo(dev.scalebench.stats.Stats.median(xb));
        assertThat(t.ratio()).isBetween(1.15, 1.25);
        assertThat(t.interval().isDefined()).isFalse();
        assertThat(t.pRegressionAdjusted()).isNaN();
        assertThat(t.reason()).startsWith("p99 not tested: too few OK trials");
    }

    @Test
    void whetherARegressionWasPossibleAtAllFollowsTheResolutionFloor() {
        Gate g = new Gate(P99);
        assertThat(g.evaluate(run("a", 5, GateSimulation.none(4), 1), run("b", 5, GateSimulation.none(4), 2), "a",
                "b", false).regressionPossible()).as("5 + 5 trials, 4 tests: 0.004 <= 0.0125").isTrue();
        assertThat(g.evaluate(run("a", 3, GateSimulation.none(4), 1), run("b", 3, GateSimulation.none(4), 2), "a",
                "b", false).regressionPossible()).as("nothing tested").isFalse();
        List<PointEntry> many = GateSimulation.points(20);
        GateResult r = new Gate(P99.withMargins(Map.of(TrialMetric.P99, 0.05, TrialMetric.P50, 0.05))).evaluate(
                GateSimulation.run("a", many, 5, 0.005, GateSimulation.none(20), new SplittableRandom(1)),
                GateSimulation.run("b", many, 5, 0.005, GateSimulation.none(20), new SplittableRandom(2)), "a", "b",
                false);
        assertThat(r.regressionPossible()).as("5 + 5 trials, 40 tests: 0.004 > 0.00125").isFalse();
    }

    @Test
    void noisyDataIsInconclusiveWithAnEstimateOfTheTrialsNeeded() {
        RunMetrics a = GateSimulation.run("a", SWEEP, 5, 0.15, GateSimulation.none(4), new SplittableRandom(3));
        RunMetrics b = GateSimulation.run("b", SWEEP, 5, 0.15, GateSimulation.none(4), new SplittableRandom(4));
        GateResult r = new Gate(P99).evaluate(a, b, "a", "b", false);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        MetricTest t = r.points().stream().filter(p -> p.verdict() == Verdict.INCONCLUSIVE).findFirst().orElseThrow()
                .tests().get(0);
        assertThat(t.trialsNeeded()).isGreaterThan(5);
        assertThat(t.reason()).contains("trials per arm would settle it");
    }

    @Test
    void aBlockingPointWhoseCandidateTrialsAllFailedIsARegression() {
        RunMetrics a = run("a", 6, GateSimulation.none(4), 1);
        RunMetrics b = run("b", 6, GateSimulation.none(4), 2);
        String failed = SWEEP.get(3).id();
        RunMetrics broken = new RunMetrics("b", b.sweep(), RunManifest.Status.COMPLETE, b.started(), b.ended(),
                b.fingerprint(), b.specHash(), b.points(),
                b.trials().stream().filter(t -> !t.pointId().equals(failed)).toList(), Map.of(failed, 6));
        GateResult r = new Gate(P99).evaluate(a, broken, "a", "b", false);
        assertThat(r.points().get(3).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.points().get(3).reason()).contains("every candidate trial failed (6)");
        assertThat(r.points().get(3).tests()).singleElement()
                .satisfies(t -> assertThat(t.baselineMedian()).isPositive());
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aRegressionOnANonBlockingPointIsOnlyAWarning() {
        GatePolicy onlyFirst = new GatePolicy("p", Map.of(TrialMetric.P99, 0.05), 0.05, 0.1,
                List.of(new GatePolicy.Selector(null, null, null, null, List.of(1), List.of())), false, 5, 2000, 1,
                P99.fingerprint());
        GateResult r = new Gate(onlyFirst).evaluate(run("a", 6, GateSimulation.none(4), 1),
                run("b", 6, effectAt(2, 1.3), 2), "a", "b", false);
        assertThat(r.points().get(0).blocking()).isTrue();
        assertThat(r.points().get(2).blocking()).isFalse();
        assertThat(r.points().get(2).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.warnings()).extracting(PointVerdict::pointId).containsExactly(SWEEP.get(2).id());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.points().get(2).reason()).contains("BH");
    }

    @Test
    void runsFromDifferentEnvironmentsAreRefusedUnlessAllowed() {
        RunMetrics a = run("a", 6, GateSimulation.none(4), 1);
        RunMetrics b = run("b", 6, GateSimulation.none(4), 2);
        Map<String, String> other = new HashMap<>(b.fingerprint());
        other.put("cpu.model", "Another CPU");
        RunMetrics moved = new RunMetrics("b", b.sweep(), b.status(), b.started(), b.ended(), other, b.specHash(),
                b.points(), b.trials(), b.failedTrials());
        assertThatThrownBy(() -> new Gate(P99).evaluate(a, moved, "a", "b", false))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("cpu.model: Sim CPU → Another CPU").hasMessageContaining("--allow-env-mismatch");
        GateResult r = new Gate(P99).evaluate(a, moved, "a", "b", true);
        assertThat(r.envMismatches()).containsExactly("cpu.model: Sim CPU → Another CPU");
        Map<String, String> commit = new HashMap<>(b.fingerprint());
        commit.put("git.commit", "abc");
        RunMetrics newBuild = new RunMetrics("b", b.sweep(), b.status(), b.started(), b.ended(), commit, "",
                b.points(), b.trials(), b.failedTrials());
        assertThat(new Gate(P99).evaluate(a, newBuild, "a", "b", false).envMismatches()).isEmpty();
    }

    @Test
    void pointsInOnlyOneRunAreListedAndAMissingBlockingPointIsInconclusive() {
        RunMetrics a = run("a", 6, GateSimulation.none(4), 1);
        RunMetrics b = run("b", 6, GateSimulation.none(4), 2);
        List<PointEntry> fewer = new ArrayList<>(b.points().subList(0, 3));
        PointEntry extra = new PointEntry("m/fp32/prefill/b1/s8", "sim", "cpu", "m", 1, "fp32", "prefill", 1, 8);
        fewer.add(extra);
        RunMetrics c = new RunMetrics("b", b.sweep(), b.status(), b.started(), b.ended(), b.fingerprint(), "", fewer,
                b.trials().stream().filter(t -> !t.pointId().equals(SWEEP.get(3).id())).toList(), Map.of());
        GateResult r = new Gate(P99).evaluate(a, c, "a", "b", false);
        assertThat(r.onlyInBaseline()).containsExactly(SWEEP.get(3).id());
        assertThat(r.onlyInCandidate()).containsExactly(extra.id());
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.notes()).anyMatch(n -> n.contains("not in the candidate's plan"));
        PointVerdict missing = r.points().get(r.points().size() - 1);
        assertThat(missing.pointId()).isEqualTo(SWEEP.get(3).id());
        assertThat(missing.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(missing.candidateTrials()).isZero();
        assertThat(missing.tests()).singleElement().satisfies(t -> {
            assertThat(t.baselineMedian()).as("the baseline's value").isPositive();
            assertThat(t.candidateMedian()).isNaN();
            assertThat(t.tested()).isFalse();
        });
    }

    @Test
    void whenTheTrialsCannotResolveTheFamilyTheGateSaysHowManyAreNeeded() {
        List<PointEntry> many = GateSimulation.points(20);
        GatePolicy two = P99.withMargins(Map.of(TrialMetric.P99, 0.05, TrialMetric.P50, 0.05));
        RunMetrics a = GateSimulation.run("a", many, 5, 0.005, GateSimulation.none(20), new SplittableRandom(1));
        double[] e = GateSimulation.none(20);
        e[0] = 2.0;
        RunMetrics b = GateSimulation.run("b", many, 5, 0.005, e, new SplittableRandom(2));
        GateResult r = new Gate(two).evaluate(a, b, "a", "b", false);
        assertThat(r.points().get(0).verdict()).as("a doubling cannot be declared with 5+5 trials and 40 tests")
                .isNotEqualTo(Verdict.REGRESSION);
        assertThat(r.notes()).anyMatch(n -> n.contains("no regression can be declared")
                && n.contains("Run at least 6 trials per arm"));
    }

    @Test
    void verdictsAreReproducible() {
        RunMetrics a = run("a", 5, GateSimulation.none(4), 1);
        RunMetrics b = run("b", 5, effectAt(1, 1.06), 2);
        assertThat(new Gate(P99).evaluate(a, b, "a", "b", false))
                .isEqualTo(new Gate(P99).evaluate(a, b, "a", "b", false));
    }
}
