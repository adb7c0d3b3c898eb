package dev.scalebench.analysis.compare;

import static dev.scalebench.analysis.compare.CompareFixtures.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.compare.CompareFixtures.Run;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparerTest {

    private static final CompareOptions O = CompareOptions.DEFAULTS;
    private static final double[] OTHER_JITTER = {1.01, 0.985, 1.0, 1.025, 0.99};

    /** Baseline at {@code ns} per step for batches 1, 4, 16; the other run twice as fast. */
    private static List<CompareRun> twice() {
        Run a = new Run("20260301-020000-a");
        Run b = new Run("20260301-030000-b");
        for (int batch : new int[] {1, 4, 16}) {
            a.point(decode("fp32", batch), 1e6 * (1 + batch / 8.0));
            b.point(decode("fp32", batch), 0.5e6 * (1 + batch / 8.0), OTHER_JITTER);
        }
        return List.of(a.as("A"), b.as("B"));
    }

    @Test
    void aRunTwiceAsFastShowsARatioOfTwoWithAnIntervalAroundIt() {
        Comparison c = Comparer.compare(twice(), O);
        assertThat(c.rows()).hasSize(3);
        for (PointRow r : c.rows()) {
            Effect t = r.effect(1, TrialMetric.THROUGHPUT);
            assertThat(t.ratio()).isCloseTo(2.0, within(0.06));
            assertThat(t.ci().contains(2.0)).as("%s %s", r.key(), t.ci()).isTrue();
            assertThat(t.ci().lo()).isGreaterThan(1.8);
            assertThat(t.direction()).isEqualTo(Effect.Direction.FASTER);
            assertThat(t.words()).matches("(1\\.9\\d|2\\.0\\d)× faster \\[\\d\\.\\d\\d, \\d\\.\\d\\d\\]");
            Effect p50 = r.effect(1, TrialMetric.P50);
            assertThat(p50.ratio()).isCloseTo(0.5, within(0.02));
            assertThat(p50.speedup()).isCloseTo(2.0, within(0.06));
            assertThat(p50.direction()).isEqualTo(Effect.Direction.FASTER);
            assertThat(r.effect(1, TrialMetric.P99).direction()).isEqualTo(Effect.Direction.FASTER);
            assertThat(t.baselineTrials()).isEqualTo(5);
        }
        Comparison.Summary s = c.summaries().stream().filter(x -> x.metric() == TrialMetric.THROUGHPUT)
                .findFirst().orElseThrow();
        assertThat(s.points()).isEqualTo(3);
        assertThat(s.faster()).isEqualTo(3);
        assertThat(s.geomeanSpeedup()).isCloseTo(2.0, within(0.06));
    }

    @Test
    void theOppositeDirectionReadsSlowerAndTheSameRunIsUnclear() {
        List<CompareRun> runs = twice();
        Comparison back = Comparer.compare(List.of(runs.get(1), runs.get(0)), O);
        Effect e = back.rows().get(0).effect(1, TrialMetric.THROUGHPUT);
        assertThat(e.direction()).isEqualTo(Effect.Direction.SLOWER);
        assertThat(e.words()).contains("× slower [");
        Comparison self = Comparer.compare(List.of(runs.get(0), runs.get(0)), O);
        Effect same = self.rows().get(0).effect(1, TrialMetric.P99);
        assertThat(same.ratio()).isEqualTo(1.0);
        assertThat(same.direction()).isEqualTo(Effect.Direction.UNCLEAR);
        assertThat(same.words()).startsWith("1.00× faster").endsWith("(unclear)");
    }

    @Test
    void theSameRunsGiveTheSameIntervals() {
        Comparison one = Comparer.compare(twice(), O);
        Comparison two = Comparer.compare(twice(), O);
        for (int i = 0; i < one.rows().size(); i++) {
            assertThat(two.rows().get(i).effects()).isEqualTo(one.rows().get(i).effects());
        }
        assertThat(Comparer.seed("gpt-1m/fp32/decode/b1/s128", "p50"))
                .isNotEqualTo(Comparer.seed("gpt-1m/fp32/decode/b4/s128", "p50"));
    }

    @Test
    void pointsInOnlySomeRunsAreListedPerRunAndFailedPointsWithTheirCount() {
        Run a = new Run("a").point(decode("fp32", 1), 1e6).point(decode("fp32", 2), 1.2e6)
                .point(decode("fp32", 4), 1.5e6);
        Run b = new Run("b").point(decode("fp32", 2), 1e6).point(decode("fp32", 8), 2e6)
                .failed(decode("fp32", 4), 3);
        Run c = new Run("c").point(decode("fp32", 2), 1e6).point(decode("fp32", 8), 2e6)
                .point(decode("fp32", 4), 1e6);
        Comparison cmp = Comparer.compare(List.of(a.as("A"), b.as("B"), c.as("C")), O);
        assertThat(cmp.rows()).extracting(r -> r.key().batch()).containsExactly(1, 2, 4, 8);
        assertThat(cmp.partial()).hasSize(2);
        assertThat(cmp.partial().get(0).runs()).containsExactly(0);
        assertThat(cmp.partial().get(0).keys()).extracting(MatchKey::id).containsExactly("gpt-1m/fp32/decode/b1/s128");
        assertThat(cmp.partial().get(1).runs()).containsExactly(1, 2);
        assertThat(cmp.partial().get(1).keys()).extracting(MatchKey::batch).containsExactly(8);
        assertThat(cmp.failures()).singleElement().satisfies(f -> {
            assertThat(f.run()).isEqualTo(1);
            assertThat(f.failed()).isEqualTo(3);
            assertThat(f.ok()).isZero();
            assertThat(f.pointId()).isEqualTo("gpt-1m/fp32/decode/b4/s128");
        });
        assertThat(cmp.matched(1)).extracting(r -> r.key().batch()).containsExactly(2);
        assertThat(cmp.matched(2)).extracting(r -> r.key().batch()).containsExactly(2, 4);
        PointRow b4 = cmp.rows().get(2);
        assertThat(b4.effect(1, TrialMetric.P50)).isNull();
        assertThat(b4.effect(2, TrialMetric.P50)).isNotNull();
    }

    @Test
    void ignoringDtypeMatchesAnFp16RunWithABf16Run() {
        Run a = new Run("a").point(decode("fp16", 1), 1e6).point(decode("fp16", 4), 2e6);
        Run b = new Run("b").point(decode("bf16", 1), 1e6).point(decode("bf16", 4), 2e6);
        Comparison strict = Comparer.compare(List.of(a.as("A"), b.as("B")), O);
        assertThat(strict.matched(1)).isEmpty();
        assertThat(strict.partial()).hasSize(2);
        assertThat(strict.notes()).anyMatch(n -> n.contains("--ignore dtype"));

        Comparison loose = Comparer.compare(List.of(a.as("A"), b.as("B")), O.withIgnore(Set.of(Factor.DTYPE)));
        assertThat(loose.matched(1)).hasSize(2);
        assertThat(loose.partial()).isEmpty();
        assertThat(loose.rows().get(0).key().id()).isEqualTo("gpt-1m/*/decode/b1/s128");
        assertThat(loose.rows().get(0).arm(0).point().dtype()).isEqualTo("fp16");
        assertThat(loose.rows().get(0).arm(1).point().dtype()).isEqualTo("bf16");
    }

    @Test
    void ignoringAFactorThatMakesTwoPointsOfOneRunTheSameIsRefusedNamingThem() {
        Run a = new Run("a").point(decode("fp16", 1), 1e6).point(decode("bf16", 1), 1e6);
        Run b = new Run("b").point(decode("bf16", 1), 1e6);
        assertThatThrownBy(() -> Comparer.compare(List.of(a.as("A"), b.as("B")), O.withIgnore(Set.of(Factor.DTYPE))))
                .isInstanceOfSatisfying(ScalebenchException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT))
                .hasMessageContaining("--ignore dtype")
                .hasMessageContaining("gpt-1m/fp16/decode/b1/s128 and gpt-1m/bf16/decode/b1/s128")
                .hasMessageContaining("A (a)");
        assertThatThrownBy(() -> Comparer.compare(List.of(a.as("A")), O))
                .isInstanceOf(ScalebenchException.class).hasMessageContaining("at least two runs");
    }

    @Test
    void costPerMillionTokensFollowsFromPriceAndThroughput() {
        // decode at batch 4: 4 tokens per step; 4 ms per step = 1000 tokens/s
        PointEntry p = decode("fp32", 4);
        Run a = new Run("a").point(p, 4e6, 1.0, 1.0, 1.0);
        Run b = new Run("b").point(p, 1e6, 1.0, 1.0, 1.0);
        CompareRun ra = a.as("A").withHardware(CompareFixtures.profile("cheap", "Test", 3.6, 1e12, 1e13), false);
        CompareRun rb = b.as("B").withHardware(CompareFixtures.profile("dear", "Test", 7.2, 1e12, 1e13), true);
        Comparison c = Comparer.compare(List.of(ra, rb), O);
        Arm arm = c.rows().get(0).arm(0);
        assertThat(arm.median(TrialMetric.THROUGHPUT)).isCloseTo(1000, within(1e-9));
        // 3.6 USD/h / (1000 tokens/s * 3600 s/h) * 1e6 = 1.00 USD per million tokens
        assertThat(arm.cost().usdPerMillionTokens()).isCloseTo(1.0, within(1e-12));
        assertThat(arm.cost().ci().lo()).isCloseTo(1.0, within(1e-12));
        // B: 4000 tokens/s at 7.2 USD/h = 0.5 USD per million: half the cost per token
        assertThat(c.rows().get(0).arm(1).cost().usdPerMillionTokens()).isCloseTo(0.5, within(1e-12));
        PointRow.CostRatio ratio = c.rows().get(0).cost(1);
        assertThat(ratio.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(ratio.ci().contains(0.5)).isTrue();
        assertThat(Arm.Cost.usd(2.0, 500)).isCloseTo(2.0 / 1.8, within(1e-12));
    }

    @Test
    void aProfileWithoutPriceOrNoProfileIsNoted() {
        List<CompareRun> runs = twice();
        CompareRun a = runs.get(0).withHardware(CompareFixtures.profile("h100-sxm", "Test", Double.NaN, 1e12, 1e13),
                false);
        Comparison c = Comparer.compare(List.of(a, runs.get(1)), O);
        assertThat(c.rows().get(0).arm(0).cost()).isNull();
        assertThat(c.rows().get(0).costs()).isEmpty();
        assertThat(c.notes()).anyMatch(n -> n.startsWith("A: no price: hardware profile h100-sxm"))
                .anyMatch(n -> n.startsWith("B: no hardware profile matches device 'Test GPU'"))
                .anyMatch(n -> n.startsWith("A: no fitted parameters") && n.contains("scalebench analyze"));
    }

    @Test
    void eachRunIsPlacedOnItsOwnRoofline() {
        PointEntry p = decode("fp32", 4);
        // 1 GFLOP and 10 MB per step in 1 ms: 1 TFLOP/s and 10 GB/s
        Run a = new Run("a").point(p, 1e6, 1.0, 1.0, 1.0).work(p, 1e9, 1e7);
        Run b = new Run("b").point(p, 0.5e6, 1.0, 1.0, 1.0).work(p, 1e9, 1e7);
        CompareRun ra = a.as("A").withHardware(CompareFixtures.profile("small", "Test", Double.NaN, 1e11, 2e12), false);
        CompareRun rb = b.as("B").withHardware(CompareFixtures.profile("big", "Test", Double.NaN, 1e12, 8e12), false);
        Comparison c = Comparer.compare(List.of(ra, rb), O);
        assertThat(c.rows().get(0).arm(0).roofline().computeFraction()).isCloseTo(0.5, within(1e-9));
        assertThat(c.rows().get(0).arm(0).roofline().memoryFraction()).isCloseTo(0.1, within(1e-9));
        assertThat(c.rows().get(0).arm(0).roofline().bound().id()).isEqualTo("compute");
        // B: twice as fast on a machine four times as big: a quarter of its compute peak
        assertThat(c.rows().get(0).arm(1).roofline().computeFraction()).isCloseTo(0.25, within(1e-9));
        assertThat(c.rows().get(0).arm(1).roofline().bound().id()).isEqualTo("overhead");
        assertThat(twice().get(0).hardware()).isNull();
        assertThat(Comparer.compare(twice(), O).rows().get(0).arm(0).roofline()).isNull();
    }

    @Test
    void fingerprintDifferencesAreListedWithMachineKeysFirst() {
        Run a = new Run("a").fact("gpu.name", "NVIDIA A100").fact("host.name", "n1").point(decode("fp32", 1), 1e6);
        Run b = new Run("b").fact("gpu.name", "NVIDIA H100").fact("host.name", "n2").fact("gpu.driver", "550")
                .point(decode("fp32", 1), 1e6);
        Comparison c = Comparer.compare(List.of(a.as("A"), b.as("B")), O);
        assertThat(c.fingerprintDiffs().keySet()).containsExactly("gpu.name", "gpu.driver", "host.name");
        assertThat(c.fingerprintDiffs().get("gpu.driver")).containsExactly(null, "550");
    }

    @Test
    void unfinishedRunsAndDifferentSpecificationsAreNoted() {
        Run a = new Run("a").point(decode("fp32", 1), 1e6);
        Run b = new Run("b").spec("other").status(dev.scalebench.results.RunManifest.Status.INTERRUPTED)
                .point(decode("fp32", 1), 1e6);
        Comparison c = Comparer.compare(List.of(a.as("A"), b.as("B")), O);
        assertThat(c.notes()).anyMatch(n -> n.startsWith("B did not finish (status INTERRUPTED)"))
                .anyMatch(n -> n.contains("specifications differ"));
    }

    @Test
    void whyNothingMatchedNamesTheRealCause() {
        Run a = new Run("a").point(decode("fp32", 1), 1e6).point(decode("fp32", 4), 2e6);
        Run dropped = new Run("b").planned(decode("fp32", 1)).planned(decode("fp32", 4))
                .repair("histograms.hlog: missing or empty").repair("trials.jsonl: dropped trial x#r0");
        Comparison c = Comparer.compare(List.of(a.as("A"), dropped.as("B")), O);
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).startsWith("no point was measured in the baseline and "
                + "another run alike: B has no OK trial with a latency histogram; reading it made 2 repair(s)")
                .doesNotContain("--ignore"));

        Run failed = new Run("c").failed(decode("fp32", 1), 3);
        assertThat(Comparer.compare(List.of(a.as("A"), failed.as("B")), O).notes())
                .anySatisfy(n -> assertThat(n).endsWith("B has no OK trial with a latency histogram (3 failed)."));

        Run bf16 = new Run("d").point(decode("bf16", 1), 1e6);
        assertThat(Comparer.compare(List.of(a.as("A"), bf16.as("B")), O).notes())
                .anySatisfy(n -> assertThat(n).endsWith("; they would match with --ignore dtype."));
    }

    @Test
    void fittedParametersOfSeriesInBothRunsAreSideBySide() {
        List<CompareRun> runs = twice();
        CompareRun a = runs.get(0).withFits(CompareFixtures.fits(TrialMetric.P50, 1000, 128,
                new String[] {"gpt-1m", "fp16"}, new String[] {"gpt-10m", "fp16"}), null);
        CompareRun b = runs.get(1).withFits(CompareFixtures.fits(TrialMetric.P50, 2000, 128,
                new String[] {"gpt-1m", "bf16"}), null);
        Comparison strict = Comparer.compare(List.of(a, b), O);
        assertThat(strict.fits()).isEmpty();
        Comparison c = Comparer.compare(List.of(a, b), O.withIgnore(Set.of(Factor.DTYPE)));
        assertThat(c.fits()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("batch:gpt-1m/*/decode/s128");
            assertThat(f.quantities()).containsExactly("T_max", "b90", "a", "c");
            assertThat(f.estimate(0, "T_max").value()).isEqualTo(1000);
            assertThat(f.estimate(1, "T_max").value()).isEqualTo(2000);
            assertThat(f.estimate(1, "T_max").hi()).isEqualTo(2200);
        });
        assertThat(c.notes()).noneMatch(n -> n.contains("no fitted parameters"));
        CompareRun p99 = b.withFits(CompareFixtures.fits(TrialMetric.P99, 2000, 128, new String[] {"gpt-1m", "fp32"}), null);
        assertThat(Comparer.compare(List.of(a, p99), O).notes()).anyMatch(n -> n.contains("different metrics"));
        CompareRun none = b.withFits(null, "fits.json in /r/b is unreadable; run `scalebench analyze /r/b` again");
        assertThat(Comparer.compare(List.of(a, none), O).notes())
                .contains("B: no fitted parameters: fits.json in /r/b is unreadable; run `scalebench analyze /r/b` "
                        + "again.");
    }
}
