package dev.scalebench.analysis;

import dev.scalebench.results.TrialMetric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.Bound;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.RunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis on real data: the committed reference run of {@code profiles/sweeps/cpu-scaling.yaml} (DJL PyTorch
 * on this project's 2-core development machine; 3 models x 5 batches x 3 seqs x 2 phases, 3 trials each). Real
 * CPU data is noisy, so the checks are physical facts any sound fit must reproduce, not exact numbers.
 */
class ReferenceCpuRunTest {

    private static final Path REFERENCE = Path.of("..", "results", "reference", "cpu");
    private static Dataset data;
    private static Analysis analysis;

    @BeforeAll
    static void analyse() throws IOException {
        Path run;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            run = dirs.filter(d -> Files.isRegularFile(d.resolve("run.json"))).sorted().findFirst().orElseThrow();
        }
        data = RunDatasets.from(RunReader.read(run));
        List<HardwareProfile> profiles = HardwareProfiles.load(Path.of("..", "profiles", "hardware"));
        HardwareProfile cpu = HardwareProfiles.match(data.device(), profiles).orElse(null);
        analysis = new Analyzer(FitOptions.DEFAULTS.withBootstrap(200), TrialMetric.P50).analyze(data, cpu);
    }

    @Test
    void everyTrialIsASampleAndEverySeriesIsFitted() {
        assertThat(data.samples()).hasSize(270);
        assertThat(analysis.fits()).hasSize(3 * 3 * 2 + 3 * 5 * 2 + 5 * 3 * 2);
        assertThat(analysis.fits()).allSatisfy(f -> assertThat(f.best()).as(f.key().id()).isNotNull());
    }

    @Test
    void latencyGrowsWithBatchAndWithModelSize() {
        for (SeriesFit f : analysis.fits()) {
            if (f.key().axis() == Axis.SEQ) {
                continue; // on this CPU, 16..64 tokens of context barely move a decode step: no sign to check
            }
            double[] curve = f.best().band().fit();
            assertThat(curve[curve.length - 1]).as(f.key().id()).isGreaterThan(curve[0]);
        }
    }

    @Test
    void biggerModelsSaturateAtLowerThroughput() {
        for (String phase : List.of("prefill", "decode")) {
            double small = tMax("gpt-1m", phase);
            double big = tMax("gpt-40m", phase);
            assertThat(small).as(phase).isGreaterThan(big);
        }
    }

    private static double tMax(String model, String phase) {
        SeriesFit f = analysis.fits().stream()
                .filter(s -> s.key().axis() == Axis.BATCH && s.key().model().equals(model)
                        && s.key().phase().equals(phase) && s.key().seq() == 64)
                .findFirst().orElseThrow();
        FormFit best = f.best();
        Estimate t = best.estimate("T_max");
        return t.value();
    }

    @Test
    void theCpuProfileMatchesAndNoPointBeatsItsCeilings() {
        assertThat(analysis.hardware()).as("profile for '%s'", data.device()).isNotNull();
        assertThat(analysis.roofline()).hasSize(90);
        for (RooflinePoint r : analysis.roofline()) {
            // a point faster than the machine's peak would mean wrong FLOP counting or a wrong profile
            assertThat(r.computeFraction()).as(r.point().id()).isBetween(0.0, 1.0);
            assertThat(r.memoryFraction()).as(r.point().id()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void prefillIsComputeHeavierThanDecode() {
        double prefill = meanComputeFraction("prefill");
        double decode = meanComputeFraction("decode");
        assertThat(prefill).isGreaterThan(2 * decode);
    }

    private static double meanComputeFraction(String phase) {
        return analysis.roofline().stream().filter(r -> r.point().phase().equals(phase))
                .mapToDouble(RooflinePoint::computeFraction).average().orElseThrow();
    }

    @Test
    void decodeStaysOverheadBoundWhilePrefillLeavesOverheadForComputeAlongBatch() {
        List<BottleneckShift> overBatch = analysis.shifts().stream().filter(x -> x.axis().equals("batch")).toList();
        // on 2 vCPUs the tiny decoders' decode steps never reach half of either ceiling
        assertThat(overBatch).filteredOn(x -> x.label().contains(" decode ")).isNotEmpty().allSatisfy(x -> {
            assertThat(x.kind()).isEqualTo(BottleneckShift.Kind.NONE);
            assertThat(x.from()).isEqualTo(Bound.OVERHEAD);
            assertThat(x.sentence()).endsWith("overhead-bound over all measured batches 1–16 (no shift within them)");
        });
        // prefill's FLOPs grow with batch·seq: most of its series cross into compute within the measured batches
        List<BottleneckShift> prefill = overBatch.stream().filter(x -> x.label().contains(" prefill ")
                && x.kind() == BottleneckShift.Kind.CROSSING).toList();
        assertThat(prefill).hasSizeGreaterThanOrEqualTo(5).allSatisfy(x -> {
            assertThat(x.from()).isEqualTo(Bound.OVERHEAD);
            assertThat(x.to()).isEqualTo(Bound.COMPUTE);
            assertThat(x.level()).isBetween(x.below(), x.above());
        });
    }
}
