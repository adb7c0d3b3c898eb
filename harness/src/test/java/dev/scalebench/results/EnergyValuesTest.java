package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.plan.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The energy figures of a trial, by hand: joules per step = joules / measured steps, joules per token = joules /
 * (steps × the point's tokens per step: batch·seq for prefill, batch for decode, batch·output for generate), tokens
 * per joule its inverse, power the reading's mean power; NaN (and skipped) without an energy reading.
 */
class EnergyValuesTest {

    private static TrialValues values(SweepPoint p, long steps, double joules) {
        Histogram h = Fixtures.constant(1_000_000, steps);
        TrialResult t = Fixtures.withEnergy(Fixtures.ok(p.id(), 0, 0, h, List.of()), joules);
        return TrialValues.of(t, h, RunManifest.PointEntry.of(p).tokensPerStep());
    }

    @Test
    void prefillIsPerStepOfBatchTimesSeqTokens() {
        // 12.5 J over 250 steps of batch 4 × seq 64 = 256 tokens per step, a loop of 2 s
        TrialValues v = values(Fixtures.point(Phase.PREFILL, 4, 64), 250, 12.5);
        assertThat(v.hasEnergy()).isTrue();
        assertThat(v.energy().source()).isEqualTo(EnergySource.RAPL);
        assertThat(v.value(TrialMetric.JOULES_PER_STEP)).isCloseTo(0.05, within(1e-15));
        assertThat(v.value(TrialMetric.JOULES_PER_TOKEN)).isCloseTo(1.953125e-4, within(1e-18));
        assertThat(v.value(TrialMetric.TOKENS_PER_JOULE)).isCloseTo(5120, within(1e-9));
        assertThat(v.value(TrialMetric.POWER_W)).isCloseTo(6.25, within(1e-12)); // 12.5 J / 2 s
    }

    @Test
    void decodeIsPerStepOfBatchTokens() {
        TrialValues v = values(Fixtures.point(Phase.DECODE, 4, 64), 250, 12.5);
        assertThat(v.value(TrialMetric.JOULES_PER_STEP)).isCloseTo(0.05, within(1e-15));
        assertThat(v.value(TrialMetric.JOULES_PER_TOKEN)).isCloseTo(0.0125, within(1e-15)); // 12.5 / (250 × 4)
        assertThat(v.value(TrialMetric.TOKENS_PER_JOULE)).isCloseTo(80, within(1e-12));
    }

    @Test
    void generateIsPerRequestOfBatchTimesOutputTokens() {
        SweepPoint gen = new SweepPoint("djl", "cpu", DType.FP32, Phase.GENERATE, ModelSpec.of(Fixtures.TINY), 4, 32,
                16);
        TrialValues v = values(gen, 50, 12.5);
        assertThat(v.value(TrialMetric.JOULES_PER_STEP)).as("per request").isCloseTo(0.25, within(1e-15));
        assertThat(v.value(TrialMetric.JOULES_PER_TOKEN)).as("12.5 / (50 × 4 × 16)")
                .isCloseTo(0.00390625, within(1e-17));
        assertThat(v.value(TrialMetric.TOKENS_PER_JOULE)).isCloseTo(256, within(1e-12));
    }

    @Test
    void withoutAReadingEveryEnergyMetricIsNaN() {
        SweepPoint p = Fixtures.point(Phase.PREFILL, 4, 64);
        Histogram h = Fixtures.constant(1_000_000, 250);
        TrialValues v = TrialValues.of(Fixtures.ok(p.id(), 0, 0, h, List.of()), h, 256);
        assertThat(v.hasEnergy()).isFalse();
        for (TrialMetric m : TrialMetric.ENERGY) {
            assertThat(v.value(m)).as(m.id()).isNaN();
            assertThat(m.appliesTo("prefill") && m.appliesTo("decode") && m.appliesTo("generate")).isTrue();
        }
        assertThat(PointStatistic.median(List.of(v), TrialMetric.JOULES_PER_TOKEN)).isNaN();
    }

    @Test
    void idsDirectionsAndUnits() {
        assertThat(TrialMetric.parse("joules_per_token")).isEqualTo(TrialMetric.JOULES_PER_TOKEN);
        assertThat(TrialMetric.parse("tokens-per-joule")).isEqualTo(TrialMetric.TOKENS_PER_JOULE);
        assertThat(TrialMetric.parse("power_w").unit()).isEqualTo("W");
        assertThat(TrialMetric.ENERGY.stream().filter(TrialMetric::higherIsBetter))
                .containsExactly(TrialMetric.TOKENS_PER_JOULE);
        assertThat(TrialMetric.JOULES_PER_TOKEN.energy()).isTrue();
        assertThat(TrialMetric.THROUGHPUT.energy()).isFalse();
    }

    @Test
    void theRunModelCarriesTheReadingOfEachTrial() {
        SweepPoint p = Fixtures.point(Phase.PREFILL, 4, 64);
        List<TrialResult> trials = new ArrayList<>();
        Map<String, Histogram> hs = new java.util.HashMap<>();
        for (int r = 0; r < 3; r++) {
            Histogram h = Fixtures.constant(1_000_000, 250);
            TrialResult t = Fixtures.ok(p.id(), r, r, h, List.of());
            trials.add(r == 2 ? t : Fixtures.withEnergy(t, 12.5 * (r + 1)));
            hs.put(t.trialId(), h);
        }
        List<PointRun> points = Run.group(List.of(RunManifest.PointEntry.of(p)), trials, hs, new ArrayList<>());
        List<TrialValues> v = points.get(0).measured();
        assertThat(v).extracting(TrialValues::hasEnergy).containsExactly(true, true, false);
        assertThat(PointStatistic.of(p.id(), v, TrialMetric.JOULES_PER_STEP).value())
                .as("median of 0.05 and 0.10 over the 2 trials with a reading").isCloseTo(0.075, within(1e-15));
        assertThat(PointStatistic.of(p.id(), v, TrialMetric.JOULES_PER_STEP).trials()).isEqualTo(2);
    }
}
