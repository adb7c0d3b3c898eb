package dev.scalebench.analysis.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.roofline.BottleneckShift.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftFinderTest {
    /** 1 TFLOP/s fp32, 1 TB/s: ridge 1 FLOP/byte. */
    private static final HardwareProfile UNIT = new HardwareProfile("unit", "unit", "gpu", List.of("unit"), 1, 1,
            1e12, Map.of("fp32", 1e12), 0, Double.NaN, false, Map.of());
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    /** The overhead floor of the synthetic decode series, seconds. */
    private static final double FLOOR_S = 0.1;
    /** Where 1 GB per sequence at the 0.1 s floor reaches half of 1 TB/s: batch 50. */
    private static final double TRUE_CROSSING = 50;

    /**
     * A decode-like series: 1 GB and 10 MFLOP per sequence, step time {@code max(0.1 s, bytes / 0.8 TB/s)} with
     * log-normal trial noise of {@code sigma}: overhead-bound up to batch 50, memory-bound above.
     */
    private static List<ShiftFinder.Level> decode(SplittableRandom rng, double sigma, int trials) {
        List<ShiftFinder.Level> out = new ArrayList<>();
        for (int b : BATCHES) {
            double bytes = 1e9 * b;
            double t = Math.max(FLOOR_S, bytes / 0.8e12);
            double[] ts = new double[trials];
            for (int k = 0; k < trials; k++) {
                ts[k] = t * Math.exp(sigma * gauss(rng));
            }
            double[] sorted = ts.clone();
            Arrays.sort(sorted);
            out.add(new ShiftFinder.Level(b, "fp32", new PointWork(1e7 * b, bytes), sorted[trials / 2], ts));
        }
        return out;
    }

    private static double gauss(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static List<BottleneckShift> find(List<ShiftFinder.Level> levels, int resamples, long seed) {
        return new ShiftFinder(UNIT, resamples, seed, 0.95).find("batch:m/fp32/decode/s128",
                "m fp32 decode at seq 128, over batch", "batch", "decode", levels, null);
    }

    @Test
    void noiselessCrossingIsFoundExactlyBetweenTheLevelsEitherSide() {
        List<BottleneckShift> s = find(decode(new SplittableRandom(1), 0, 3), 200, 1);
        assertThat(s).hasSize(1);
        BottleneckShift c = s.get(0);
        assertThat(c.kind()).isEqualTo(Kind.CROSSING);
        assertThat(c.from()).isEqualTo(Bound.OVERHEAD);
        assertThat(c.to()).isEqualTo(Bound.MEMORY);
        // memory fraction ∝ batch on the floor, so the log–log interpolation is exact
        assertThat(c.level()).isCloseTo(TRUE_CROSSING, within(1e-9));
        assertThat(c.below()).isEqualTo(32);
        assertThat(c.above()).isEqualTo(64);
        assertThat(c.minLevel()).isEqualTo(1);
        assertThat(c.maxLevel()).isEqualTo(256);
        assertThat(c.sentence()).isEqualTo("m fp32 decode at seq 128, over batch: leaves overhead at batch ≈ 50"
                + " [50, 50], memory-bound above it (between the measured batches 32 and 64)");
    }

    @Test
    void noisyCrossingLandsNearTheTruthAndItsIntervalCoversIt() {
        int seeds = 200;
        int covered = 0;
        double sumLog = 0;
        for (int seed = 0; seed < seeds; seed++) {
            BottleneckShift c = find(decode(new SplittableRandom(seed), 0.05, 3), 500, seed).get(0);
            assertThat(c.kind()).isEqualTo(Kind.CROSSING);
            assertThat(c.level()).isBetween(32.0, 64.0);
            assertThat(c.lo()).isLessThanOrEqualTo(c.level());
            assertThat(c.hi()).isGreaterThanOrEqualTo(c.level());
            covered += c.lo() <= TRUE_CROSSING && TRUE_CROSSING <= c.hi() ? 1 : 0;
            sumLog += Math.log(c.level() / TRUE_CROSSING);
        }
        // the estimate is unbiased to within 2 % in the geometric mean; the 95 % interval covers the truth in
        // most seeds (measured: docs/analysis.md, "Bottleneck shift")
        assertThat(Math.exp(sumLog / seeds)).isCloseTo(1.0, within(0.02));
        assertThat(covered / (double) seeds).isBetween(0.88, 1.0);
    }

    @Test
    void noCrossingSaysSoOverTheMeasuredRangeAndDoesNotExtrapolate() {
        List<ShiftFinder.Level> memoryOnly = decode(new SplittableRandom(3), 0.02, 3).subList(7, 9);
        List<ShiftFinder.Level> all = new ArrayList<>(memoryOnly);
        all.add(0, decode(new SplittableRandom(3), 0.02, 3).get(6));
        List<BottleneckShift> s = find(all, 200, 1);
        assertThat(s).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.NONE);
            assertThat(n.from()).isEqualTo(Bound.MEMORY);
            assertThat(n.level()).isNaN();
            assertThat(n.sentence()).isEqualTo("m fp32 decode at seq 128, over batch: memory-bound over all measured"
                    + " batches 64–256 (no shift within them)");
        });
    }

    @Test
    void memoryToComputeIsWhereTheIntensityCrossesTheRidgeAndTheTimingsDoNotMoveIt() {
        // prefill over seq: intensity = seq / 64 FLOP/B, ridge 1: crosses at seq 64, between 32 and 128
        List<ShiftFinder.Level> levels = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(5);
        for (int seq : new int[] {8, 32, 128, 512}) {
            double bytes = 1e9;
            double flops = bytes * seq / 64.0;
            double t = Math.max(flops, bytes) / 0.8e12;
            double[] ts = {t * Math.exp(0.1 * gauss(rng)), t * Math.exp(0.1 * gauss(rng)), t};
            levels.add(new ShiftFinder.Level(seq, "fp32", new PointWork(flops, bytes), t, ts));
        }
        List<BottleneckShift> s = new ShiftFinder(UNIT, 300, 1, 0.95).find("seq:m/fp32/prefill/b1",
                "m fp32 prefill at batch 1, over sequence length", "seq", "prefill", levels, null);
        assertThat(s).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(Bound.MEMORY);
            assertThat(c.to()).isEqualTo(Bound.COMPUTE);
            assertThat(c.level()).isCloseTo(64, within(1e-9));
            assertThat(c.lo()).isEqualTo(c.level());
            assertThat(c.hi()).isEqualTo(c.level());
            assertThat(c.sentence()).contains("leaves the memory roof at sequence length ≈ 64 (where the arithmetic"
                    + " intensity crosses the ridge: the timings do not move it), compute-bound above it");
        });
    }

    @Test
    void aResampleWithoutTheCrossingPutsItBeyondTheMeasuredRange() {
        double[] x = {1, 2, 4};
        assertThat(ShiftFinder.crossing(new double[] {1, 0.5, 0.2}, x, 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ShiftFinder.crossing(new double[] {-1, -0.5, -0.2}, x, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        // two changes of sign: the one nearest the estimate's pair
        double[] y = {1, 2, 4, 8, 16};
        assertThat(ShiftFinder.crossing(new double[] {1, -1, 1, 1, -1}, y, 3)).isCloseTo(Math.sqrt(128),
                within(1e-9));
        assertThat(ShiftFinder.crossing(new double[] {1, -1, 1, 1, -1}, y, 0)).isCloseTo(Math.sqrt(2), within(1e-9));
    }

    @Test
    void theFittedKneeInsideTheRangeIsAShiftTooAndOneAtTheEdgeIsNot() {
        List<ShiftFinder.Level> levels = decode(new SplittableRandom(1), 0, 3);
        ShiftFinder f = new ShiftFinder(UNIT, 100, 1, 0.95);
        List<BottleneckShift> s = f.find("id", "decode", "batch", "decode", levels,
                new Estimate("knee", "batch", 80, 70, 95, false));
        assertThat(s).extracting(BottleneckShift::kind).containsExactly(Kind.CROSSING, Kind.KNEE);
        assertThat(s.get(1).sentence()).isEqualTo("decode: the fitted roofline's knee is at batch ≈ 80 [70, 95];"
                + " beyond it latency grows at its full cost per unit of batch");
        assertThat(f.find("id", "decode", "batch", "decode", levels, new Estimate("knee", "batch", 256, 200, 256,
                false))).extracting(BottleneckShift::kind).containsExactly(Kind.CROSSING);
    }

    @Test
    void oneLevelIsNoSeriesAndACrossingNeedsTwoBounds() {
        List<ShiftFinder.Level> one = decode(new SplittableRandom(1), 0, 3).subList(0, 1);
        assertThatThrownBy(() -> find(one, 10, 1)).hasMessageContaining("needs two levels, got 1");
        assertThatThrownBy(() -> new BottleneckShift("s", "s", "batch", Kind.CROSSING, Bound.MEMORY, Bound.MEMORY,
                1, 1, 1, 1, 2, 1, 2, 0, "")).hasMessageContaining("two different bounds");
    }
}
