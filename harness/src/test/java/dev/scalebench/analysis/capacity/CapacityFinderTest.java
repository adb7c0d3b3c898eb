package dev.scalebench.analysis.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.GenerationSamples;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The capacity answer on synthetic points with a known crossing: p50 TPOT = 10 ms·√batch (p99 = 1.2 × that), so
 * p99 TPOT ≤ 54 ms holds up to batch (54/12)² = 20.25, between the measured batches 8 and 32, where log–log
 * interpolation is exact for a power law.
 */
class CapacityFinderTest {

    private static final int[] BATCHES = {1, 2, 4, 8, 32, 64};
    private static final double CROSSING = 20.25;
    private static final FitOptions FAST = FitOptions.DEFAULTS.withBootstrap(400);

    private static Map<PointKey, List<Sample>> points(double noise, long seed) {
        List<Sample> samples = GenerationSamples.of("m", BATCHES, new int[] {32}, b -> 5e6 + 1e6 * b,
                b -> 10e6 * Math.sqrt(b), 3, noise, seed);
        Map<PointKey, List<Sample>> out = new LinkedHashMap<>();
        samples.forEach(s -> out.computeIfAbsent(s.point(), k -> new ArrayList<>()).add(s));
        return out;
    }

    private static Capacity one(Map<PointKey, List<Sample>> points, String slo) {
        List<String> warnings = new ArrayList<>();
        List<Capacity> c = new CapacityFinder(FAST).find(points, List.of(SloSet.parse(slo)), warnings);
        assertThat(warnings).isEmpty();
        assertThat(c).hasSize(1);
        return c.get(0);
    }

    @Test
    void exactDataGiveTheCrossingRoundedDownAndTheTokensThere() {
        Capacity c = one(points(0, 1), "ttft-p99=2s,tpot-p99=54ms");
        assertThat(c.status()).isEqualTo(Capacity.Status.WITHIN);
        assertThat(c.batch()).isEqualTo(Math.floor(CROSSING));
        assertThat(c.binding()).isEqualTo(TrialMetric.TPOT_P99);
        assertThat(c.below()).isEqualTo(8);
        assertThat(c.above()).isEqualTo(32);
        // tokens/s: batch·output / (TTFT + 31·TPOT), interpolated log–log between batches 8 and 32
        double at8 = 8 * 32 / ((5e6 + 8e6 + 31 * 10e6 * Math.sqrt(8)) * 1e-9);
        double at32 = 32 * 32 / ((5e6 + 32e6 + 31 * 10e6 * Math.sqrt(32)) * 1e-9);
        double t = Math.log(20 / 8.0) / Math.log(4);
        assertThat(c.tokensPerS()).isCloseTo(Math.exp(Math.log(at8) + t * Math.log(at32 / at8)), within(1e-6 * at8));
        assertThat(c.tokensPerSPerUser()).isCloseTo(c.tokensPerS() / 20, within(1e-9));
        assertThat(c.sentence()).startsWith("m fp32 generate at seq 64, output 32: the largest batch with p99 TTFT ≤ "
                + "2 s and p99 TPOT ≤ 54 ms is 20").contains("output tokens/s").contains("per user")
                .contains("p99 TPOT reaches its limit between the measured batches 8 and 32");
    }

    @Test
    void theIntervalOfNoisyDataCoversTheCrossing() {
        int covered = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Capacity c = one(points(0.03, seed), "tpot-p99=54ms");
            assertThat(c.status()).isEqualTo(Capacity.Status.WITHIN);
            assertThat(c.hasInterval()).isTrue();
            assertThat(c.batchLo()).isLessThanOrEqualTo(c.batch());
            assertThat(c.batchHi()).isGreaterThanOrEqualTo(c.batch());
            assertThat(c.batch()).isBetween(8.0, 32.0);
            if (c.batchLo() <= CROSSING && CROSSING < c.batchHi() + 1) {
                covered++;
            }
            assertThat(c.tokensPerSLo()).isLessThanOrEqualTo(c.tokensPerS());
            assertThat(c.tokensPerSHi()).isGreaterThanOrEqualTo(c.tokensPerS());
        }
        assertThat(covered).as("intervals covering batch %s", CROSSING).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anSloMetAtEveryBatchSaysAtLeastTheLargestMeasured() {
        Capacity c = one(points(0.01, 2), "mlperf-server");
        assertThat(c.status()).isEqualTo(Capacity.Status.ALL_MET);
        assertThat(c.batch()).isEqualTo(64);
        assertThat(c.binding()).isNull();
        assertThat(c.sentence()).contains("every measured batch meets").contains("at least 64, the largest measured")
                .contains("not extrapolated");
        assertThat(c.tokensPerS()).isPositive();
    }

    @Test
    void anSloMissedAtTheSmallestBatchSaysSoAndGivesNoBatch() {
        Capacity c = one(points(0.01, 3), "tpot-p99=5ms");
        assertThat(c.status()).isEqualTo(Capacity.Status.NONE_MET);
        assertThat(c.batch()).isNaN();
        assertThat(c.binding()).isEqualTo(TrialMetric.TPOT_P99);
        assertThat(c.sentence()).contains("no measured batch meets p99 TPOT ≤ 5 ms")
                .contains("already at batch 1, the smallest measured").contains("not extrapolated");
    }

    @Test
    void theAnswerDoesNotDependOnAnythingButTheSeedAndTheData() {
        Capacity a = one(points(0.03, 7), "tpot-p99=54ms");
        Capacity b = one(points(0.03, 7), "tpot-p99=54ms");
        assertThat(a).isEqualTo(b);
        List<String> warnings = new ArrayList<>();
        assertThat(new CapacityFinder(FAST).find(points(0.03, 7), List.of(), warnings)).isEmpty();
    }

    @Test
    void crossingInterpolatesLogLogAndNeverBeyondTheLevels() {
        double[] levels = {4, 16};
        Crossing c = Crossing.of(levels, new double[][] {{1, 4}}, new double[] {2});
        assertThat(c.status()).isEqualTo(Capacity.Status.WITHIN);
        assertThat(c.exact()).isCloseTo(8, within(1e-9));
        assertThat(Crossing.of(levels, new double[][] {{1, 4}}, new double[] {4}).status())
                .isEqualTo(Capacity.Status.ALL_MET);
        assertThat(Crossing.of(levels, new double[][] {{1, 4}}, new double[] {0.5}).status())
                .isEqualTo(Capacity.Status.NONE_MET);
    }
}
