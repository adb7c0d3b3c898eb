package dev.scalebench.analysis.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How the analyzer cuts a dataset into series, summarizes points, and places them on a roofline. */
class AnalyzerTest {

    private static final long[] PARAMS = {10_000_000L, 1_000_000L, 100_000_000L};
    private static final int[] BATCH = {1, 2, 4, 8, 16};
    private static final int[] SEQ = {32, 64, 128};

    /** Step time of a toy machine: weights stream once per step (a), then per-token compute (c). */
    private static double stepSeconds(long params, int batch, int seq) {
        double a = 2e-3 * params / 1e8;
        double perToken = 4e-9 * params / 1e6;
        return a + perToken * batch * seq;
    }

    private static Dataset dataset(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        Map<String, PointWork> work = new java.util.HashMap<>();
        for (long p : PARAMS) {
            for (int b : BATCH) {
                for (int s : SEQ) {
                    PointKey k = new PointKey("m" + p / 1_000_000 + "m", "fp32", "prefill", p, b, s);
                    work.put(k.id(), new PointWork(2.0 * p * b * s, 4.0 * p));
                    for (int r = 0; r < 3; r++) {
                        double ns = stepSeconds(p, b, s) * 1e9 * Math.exp(0.01 * rnd.nextGaussian());
                        samples.add(new Sample(k, Integer.toString(r), ns, ns * 1.2, ns * 1.01));
                    }
                }
            }
        }
        // one unusable sample: no positive latency
        samples.add(new Sample(new PointKey("m1m", "fp32", "prefill", 1_000_000L, 1, 32), "9", Double.NaN,
                Double.NaN, Double.NaN));
        return new Dataset("synthetic", "toy machine", samples, work, List.of("read with care"));
    }

    private static final FitOptions FAST = FitOptions.DEFAULTS.withBootstrap(100);

    @Test
    void cutsTheDataIntoSeriesAlongEachAxis() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(dataset(1), null);
        long batch = a.fits().stream().filter(f -> f.key().axis() == Axis.BATCH).count();
        long seq = a.fits().stream().filter(f -> f.key().axis() == Axis.SEQ).count();
        long model = a.fits().stream().filter(f -> f.key().axis() == Axis.MODEL).count();
        assertThat(batch).isEqualTo(PARAMS.length * SEQ.length);
        assertThat(seq).isEqualTo(PARAMS.length * BATCH.length);
        assertThat(model).isEqualTo(BATCH.length * SEQ.length);
        SeriesFit one = a.fits().stream().filter(f -> f.key().id().equals("batch:m10m/fp32/prefill/s64"))
                .findFirst().orElseThrow();
        assertThat(one.x()).hasSize(BATCH.length * 3).startsWith(1, 1, 1, 2);
        assertThat(one.y()[0]).isCloseTo(stepSeconds(10_000_000L, 1, 64), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void summarizesPointsInModelSizeOrderAndDropsUnusableSamples() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(dataset(2), null);
        assertThat(a.points()).hasSize(PARAMS.length * BATCH.length * SEQ.length);
        assertThat(a.points().get(0).point().model()).isEqualTo("m1m");
        assertThat(a.points().get(a.points().size() - 1).point().model()).isEqualTo("m100m");
        PointStats first = a.points().get(0);
        assertThat(first.trials()).isEqualTo(3);
        assertThat(first.p99Ns() / first.p50Ns()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.p50Ci().contains(first.p50Ns())).isTrue();
        assertThat(first.metricNs()).isEqualTo(first.p50Ns());
        // throughput is the median over trials of batch / mean step time (here 1.01 x the trial's p50)
        assertThat(first.seqPerS()).isCloseTo(first.point().batch() * 1e9 / (first.p50Ns() * 1.01),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(first.tokensPerS()).isCloseTo(first.seqPerS() * first.point().seq(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(first.seqPerSCi().contains(first.seqPerS())).isTrue();
        assertThat(a.warnings()).contains("read with care")
                .anySatisfy(w -> assertThat(w).contains("1 sample(s) have no positive p50"))
                .anySatisfy(w -> assertThat(w).contains("no hardware profile").contains("toy machine"));
    }

    @Test
    void theMetricChoosesWhatIsFitted() {
        Analysis p50 = new Analyzer(FAST, TrialMetric.P50).analyze(dataset(3), null);
        Analysis p99 = new Analyzer(FAST, TrialMetric.P99).analyze(dataset(3), null);
        assertThat(p99.metric()).isEqualTo(TrialMetric.P99);
        assertThat(p99.fits().get(0).y()[0] / p50.fits().get(0).y()[0])
                .isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theResultDoesNotDependOnThreads() {
        Dataset d = dataset(4);
        Analysis one = new Analyzer(FAST, TrialMetric.P50).analyze(d, null);
        Analysis two = new Analyzer(FAST, TrialMetric.P50).analyze(d, null);
        assertThat(two.fits()).hasSameSizeAs(one.fits());
        for (int i = 0; i < one.fits().size(); i++) {
            assertThat(two.fits().get(i).sentence()).isEqualTo(one.fits().get(i).sentence());
        }
    }

    @Test
    void seriesWithTooFewLevelsAreNotedNotFitted() {
        List<Sample> few = new ArrayList<>();
        for (int b : new int[] {1, 4}) {
            PointKey k = new PointKey("m", "fp32", "decode", 1_000_000L, b, 32);
            for (int r = 0; r < 3; r++) {
                few.add(new Sample(k, Integer.toString(r), 1e6 * b, 2e6 * b, 1e6 * b));
            }
        }
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(new Dataset("few", "", few, Map.of(), List.of()), null);
        assertThat(a.fits()).isEmpty();
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("1 series over batch not fitted"));
    }

    @Test
    void pointsWithKnownWorkArePlacedOnTheRoofline() {
        HardwareProfile hw = new HardwareProfile("toy", "toy machine", "cpu", List.of("toy"), 2, 1L << 34, 20e9,
                Map.of("fp32", 100e9), 0, Double.NaN, false, Map.of());
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(dataset(5), hw);
        assertThat(a.roofline()).hasSize(a.points().size());
        RooflinePoint r = a.roofline().get(0);
        PointStats s = a.points().get(0);
        // achieved FLOP/s is the point's throughput in FLOPs: work per step x steps per second
        assertThat(r.flopsPerS()).isCloseTo(2.0 * s.point().params() * s.point().batch() * s.point().seq()
                * s.seqPerS() / s.point().batch(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(a.hardware()).isSameAs(hw);
        assertThat(a.warnings()).noneSatisfy(w -> assertThat(w).contains("no hardware profile"));
    }

    @Test
    void everySeriesOnTheRooflineSaysWhereItsBoundShiftsAgreeingWithThePlacedPoints() {
        // ridge 100 FLOP/B; the toy prefill's intensity is batch·seq/2: memory-bound below batch·seq = 200
        HardwareProfile hw = new HardwareProfile("toy", "toy machine", "cpu", List.of("toy"), 2, 1L << 34, 1e11,
                Map.of("fp32", 1e13), 0, Double.NaN, false, Map.of());
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(dataset(6), hw);
        assertThat(a.shifts()).extracting(BottleneckShift::series).containsAll(a.fits().stream()
                .filter(f -> f.key().axis() == Axis.BATCH || f.key().axis() == Axis.SEQ).map(f -> f.key().id())
                .toList());
        Map<String, dev.scalebench.analysis.roofline.Bound> bound = new java.util.HashMap<>();
        a.roofline().forEach(r -> bound.put(r.point().id(), r.bound()));
        long crossings = 0;
        for (BottleneckShift s : a.shifts()) {
            if (s.kind() != BottleneckShift.Kind.CROSSING) {
                continue;
            }
            crossings++;
            assertThat(s.level()).isBetween(s.below(), s.above());
            assertThat(s.lo()).isLessThanOrEqualTo(s.hi());
            // the points either side carry the bounds the crossing names
            PointKey any = a.points().stream().filter(p -> s.series().equals(
                    dev.scalebench.analysis.fit.SeriesKey.of(Axis.valueOf(s.axis().toUpperCase(java.util.Locale.ROOT)),
                            p.point(), TrialMetric.P50).id())).findFirst().orElseThrow().point();
            assertThat(bound.get(at(any, s.axis(), s.below()).id())).isEqualTo(s.from());
            assertThat(bound.get(at(any, s.axis(), s.above()).id())).isEqualTo(s.to());
        }
        // at seq 64 it leaves the memory roof where batch·64/2 = 100
        assertThat(a.shifts()).filteredOn(s -> s.series().equals("batch:m10m/fp32/prefill/s64")).first()
                .satisfies(s -> assertThat(s.level()).isCloseTo(200 / 64.0, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(crossings).isPositive();
        assertThat(new Analyzer(FAST, TrialMetric.P50).analyze(dataset(6), null).shifts()).isEmpty();
    }

    private static PointKey at(PointKey k, String axis, double level) {
        return axis.equals("batch") ? new PointKey(k.model(), k.dtype(), k.phase(), k.params(), (int) level, k.seq())
                : new PointKey(k.model(), k.dtype(), k.phase(), k.params(), k.batch(), (int) level);
    }
}
