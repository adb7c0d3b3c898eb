package dev.scalebench.analysis.trend;

import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_A;
import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_B;
import static dev.scalebench.analysis.trend.TrendFixtures.history;
import static dev.scalebench.analysis.trend.TrendFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendAnalysisTest {

    private static final TrendOptions P50 = TrendOptions.DEFAULTS.withMetrics(List.of(TrialMetric.P50));

    private static TrendSeries only(Trends t, TrialMetric m) {
        List<TrendSeries> s = t.series().stream().filter(x -> x.key().metric() == m).toList();
        assertThat(s).hasSize(1);
        return s.get(0);
    }

    @Test
    void aLatencyStepIsARegressionInEveryMetricIncludingThroughput() {
        List<RunMetrics> runs = history("nightly", MACHINE_A, 0, List.of(series(1, 60, 2e6, 0.02, 30, 0.10)));
        Trends t = TrendAnalysis.analyze(runs, "nightly", TrendOptions.DEFAULTS);
        assertThat(t.runCount()).isEqualTo(60);
        assertThat(t.series()).hasSize(3);
        for (TrialMetric m : TrendOptions.DEFAULTS.metrics()) {
            TrendSeries s = only(t, m);
            assertThat(s.runs()).hasSize(60);
            assertThat(s.changes()).as(m.id()).singleElement().satisfies(c -> {
                assertThat(c.index()).isBetween(29, 31);
                assertThat(c.direction()).isEqualTo(Direction.REGRESSION);
                assertThat(c.runId()).isEqualTo(s.runs().get(c.index()).runId());
                assertThat(c.adjustedP()).isGreaterThanOrEqualTo(c.p()).isLessThanOrEqualTo(0.001);
            });
        }
        assertThat(only(t, TrialMetric.THROUGHPUT).changes().get(0).relativeChange()).isNegative();
        assertThat(only(t, TrialMetric.P99).changes().get(0).relativeChange()).isPositive();
        TrendSeries p50 = only(t, TrialMetric.P50);
        assertThat(p50.segments()).hasSize(2);
        assertThat(p50.segments().get(1).mean() / p50.segments().get(0).mean()).isBetween(1.07, 1.13);
    }

    @Test
    void aLatencyDropIsAnImprovement() {
        List<RunMetrics> runs = history("nightly", MACHINE_A, 0, List.of(series(2, 40, 2e6, 0.02, 20, -0.15)));
        Trends t = TrendAnalysis.analyze(runs, null, TrendOptions.DEFAULTS);
        assertThat(t.series()).allSatisfy(s -> assertThat(s.changes()).singleElement()
                .extracting(ChangePoint::direction).isEqualTo(Direction.IMPROVEMENT));
    }

    @Test
    void aMachineChangeStartsANewSeriesRatherThanAChangePoint() {
        // machine B is 30 % slower; commits differ between runs, which does not split a series
        List<RunMetrics> runs = new ArrayList<>(history("nightly", MACHINE_A, 0,
                List.of(series(3, 30, 1e6, 0.02, 30, 0))));
        runs.addAll(history("nightly", MACHINE_B, 30, List.of(series(4, 30, 1.3e6, 0.02, 30, 0))));
        Trends t = TrendAnalysis.analyze(runs, null, P50);
        assertThat(t.environments()).hasSize(2);
        assertThat(t.environments().get(0)).containsEntry("cpu.model", "AMD EPYC 9654")
                .doesNotContainKey("git.commit").doesNotContainKey("host.name");
        assertThat(t.series()).hasSize(2).allSatisfy(s -> {
            assertThat(s.runs()).hasSize(30);
            assertThat(s.flagged()).isFalse();
        });
        assertThat(t.series()).extracting(s -> s.key().env()).containsExactly(0, 1);

        // the same values on one machine are one series with one change point
        List<RunMetrics> same = new ArrayList<>(runs.subList(0, 30));
        for (RunMetrics r : runs.subList(30, 60)) {
            same.add(new RunMetrics(r.runId(), r.sweep(), r.status(), r.started(), r.ended(), MACHINE_A, r.specHash(),
                    r.points(), r.trials(), r.failedTrials()));
        }
        Trends one = TrendAnalysis.analyze(same, null, P50);
        assertThat(one.series()).singleElement().satisfies(s -> assertThat(s.changes()).hasSize(1));
    }

    @Test
    void onlyTheSteppedSeriesIsFlaggedAmongManyFlatOnes() {
        for (long family = 0; family < 5; family++) {
            List<double[]> s = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                s.add(series(family * 1000 + k, 60, 1e6, 0.02, k == 77 ? 35 : 60, k == 77 ? 0.10 : 0));
            }
            Trends t = TrendAnalysis.analyze(history("nightly", MACHINE_A, 0, s), null, P50);
            assertThat(t.flagged()).as("family %d", family).singleElement()
                    .satisfies(x -> assertThat(x.key().pointId()).isEqualTo(TrendFixtures.point(78).id()));
        }
    }

    @Test
    void benjaminiHochbergAcrossSeriesRemovesAChangeThatIsSignificantOnlyAlone() {
        // without a magnitude floor a 2.5 % step in 2 % noise passes p <= 0.001 on its own (p about 1e-4) ...
        TrendOptions o = P50.withMinMagnitude(0);
        double[] modest = series(42, 60, 1e6, 0.02, 30, 0.025);
        Trends alone = TrendAnalysis.analyze(history("nightly", MACHINE_A, 0, List.of(modest)), null, o);
        ChangePoint c = alone.series().get(0).changes().get(0);
        assertThat(c.p()).isBetween(1e-6, 1e-3);
        assertThat(c.adjustedP()).isEqualTo(c.p());

        // ... but not among 100 other series, while a 10 % step still does
        List<double[]> family = new ArrayList<>();
        family.add(modest);
        family.add(series(43, 60, 1e6, 0.02, 30, 0.10));
        for (int k = 0; k < 100; k++) {
            family.add(series(5000 + k, 60, 1e6, 0.005, 60, 0));
        }
        Trends many = TrendAnalysis.analyze(history("nightly", MACHINE_A, 0, family), null, o);
        TrendSeries first = many.series().get(0);
        assertThat(first.key().pointId()).as("series in plan order").isEqualTo(TrendFixtures.point(1).id());
        assertThat(first.changes()).isEmpty();
        assertThat(first.notSignificant()).singleElement().satisfies(n -> {
            assertThat(n.p()).isEqualTo(c.p());
            assertThat(n.adjustedP()).isGreaterThan(0.001);
        });
        assertThat(many.series().get(1).changes()).hasSize(1);
    }

    @Test
    void shortSeriesAreListedNotDropped() {
        List<RunMetrics> runs = history("nightly", MACHINE_A, 0, List.of(series(6, 5, 1e6, 0.02, 5, 0)));
        Trends t = TrendAnalysis.analyze(runs, null, P50);
        assertThat(t.series()).singleElement().satisfies(s -> {
            assertThat(s.tooShort()).isTrue();
            assertThat(s.runs()).hasSize(5);
            assertThat(s.flagged()).isFalse();
        });
        assertThat(t.tooShort()).hasSize(1);
        assertThat(TrendAnalysis.analyze(runs, null, P50.withMinSegment(2)).tooShort()).isEmpty();
    }

    @Test
    void aRunsValueIsTheMedianOfItsTrialsAndRunsAreOrderedByStart() {
        PointEntry p = TrendFixtures.point(1);
        List<RunMetrics> runs = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            Map<PointEntry, double[]> trials = new LinkedHashMap<>();
            trials.put(p, new double[] {1000 + day, 5000, 900 + day});
            runs.add(TrendFixtures.run("nightly", day, MACHINE_A, trials));
        }
        Collections.reverse(runs);
        TrendSeries s = TrendAnalysis.analyze(runs, null, P50).series().get(0);
        assertThat(s.runs()).extracting(Observation::value).containsExactly(1000.0, 1001.0, 1002.0, 1003.0, 1004.0,
                1005.0, 1006.0, 1007.0);
        assertThat(s.runs()).extracting(Observation::trials).containsOnly(3);
        assertThat(s.runs().get(0).started()).isEqualTo(TrendFixtures.T0);
    }

    @Test
    void sweepsAndPointsMissingFromSomeRunsKeepTheirOwnSeries() {
        List<RunMetrics> runs = new ArrayList<>(history("nightly", MACHINE_A, 0,
                List.of(series(7, 10, 1e6, 0.02, 10, 0), series(8, 10, 2e6, 0.02, 10, 0))));
        runs.addAll(history("smoke", MACHINE_A, 0, List.of(series(9, 10, 1e6, 0.02, 10, 0))));
        Map<PointEntry, double[]> onlyTwo = new HashMap<>();
        onlyTwo.put(TrendFixtures.point(2), new double[] {2e6});
        runs.add(TrendFixtures.run("nightly", 20, MACHINE_A, onlyTwo));
        Trends t = TrendAnalysis.analyze(runs, null, P50);
        assertThat(t.series()).extracting(s -> s.key().sweep() + " " + s.key().pointId() + " " + s.runs().size())
                .containsExactly("nightly gpt-1m/fp32/prefill/b1/s32 10", "nightly gpt-1m/fp32/prefill/b2/s32 11",
                        "smoke gpt-1m/fp32/prefill/b1/s32 10");
    }
}
