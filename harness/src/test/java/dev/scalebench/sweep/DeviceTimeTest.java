package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.report.FitsJson;
import dev.scalebench.report.MarkdownReport;
import dev.scalebench.results.PointSummary;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.SummaryWriter;
import dev.scalebench.results.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that reports device time (the {@code timed} test backend: 300 µs of device time per sequence, 100 µs
 * of host time beyond it) gets device time next to host time, and their gap, into the journal, summary.csv,
 * fits.json and the report; a run without device time keeps none of it.
 */
class DeviceTimeTest {
    private static final long DEVICE = TimedBackendProvider.DEVICE_NANOS_PER_SEQ;
    private static final long GAP = TimedBackendProvider.HOST_NANOS;

    @Test
    void deviceTimeAndItsGapToHostTimeReachSummaryFitsAndReport(@TempDir Path results) throws Exception {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepSpec spec = new SweepSpec("timed", "timed", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2, 4), List.of(8), 2, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null);
        SweepService.Outcome outcome = new SweepService(results, Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true), false, Duration.ofSeconds(10)).start(spec, null);
        RunReader run = RunReader.read(outcome.dir());
        for (TrialResult t : run.trials()) {
            assertThat(t.ok()).isTrue();
            int batch = Integer.parseInt(t.pointId().replaceAll(".*/b(\\d+)/.*", "$1"));
            assertThat(t.measured().deviceNanos()).as(t.trialId()).isEqualTo(DEVICE * batch * t.measured().iterations());
        }

        List<PointSummary> rows = SummaryWriter.write(Run.read(outcome.dir()));
        String csv = Files.readString(outcome.dir().resolve("summary.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).contains(",device_mean_ns,device_gap_ns,");
        Analysis a = new Analyzer(FitOptions.DEFAULTS.withBootstrap(0), TrialMetric.P50)
                .analyze(RunDatasets.from(run), null);
        for (PointSummary r : rows) {
            assertThat(r.device().meanNs()).as(r.pointId()).isEqualTo(DEVICE * r.point().batch());
            // the gap is each trial's mean host latency minus its device time per step, averaged over trials
            double gap = run.trials().stream().filter(t -> t.pointId().equals(r.pointId()))
                    .mapToDouble(t -> run.histogram(t.trialId()).getMean() - (double) t.measured().deviceNanos() / t.measured().iterations())
                    .average().orElseThrow();
            assertThat(r.device().gapNs()).as(r.pointId()).isCloseTo(gap, within(1e-6 * gap));
            // the host spends its 100 µs beyond the device's time (and whatever the machine adds)
            assertThat(r.device().gapNs()).as(r.pointId()).isGreaterThan(0.95 * GAP);
            PointStats p = a.points().stream().filter(s -> s.point().batch() == r.point().batch()).findFirst().orElseThrow();
            assertThat(p.deviceTimed()).isTrue();
            assertThat(p.deviceNs()).isEqualTo(DEVICE * r.point().batch());
            assertThat(p.deviceGapNs()).isCloseTo(gap, within(1e-6 * gap));
        }
        Analysis back = FitsJson.fromJson(FitsJson.toJson(a), "fits.json");
        assertThat(back.points()).extracting(PointStats::deviceNs).containsExactlyElementsOf(
                a.points().stream().map(PointStats::deviceNs).toList());
        String md = MarkdownReport.render(a);
        assertThat(md).contains("| device time | host − device |").contains("| 1.2 ms |");
    }

    @Test
    void aRunWithoutDeviceTimeShowsNone(@TempDir Path results) throws Exception {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepSpec spec = new SweepSpec("untimed", "fault", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2), List.of(8), 1, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null);
        SweepService.Outcome outcome = new SweepService(results, Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true), false, Duration.ofSeconds(10)).start(spec, null);
        List<PointSummary> rows = SummaryWriter.write(Run.read(outcome.dir()));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.device().meanNs()).isNaN();
            assertThat(r.device().gapNs()).isNaN();
        });
        Analysis a = new Analyzer(FitOptions.DEFAULTS.withBootstrap(0), TrialMetric.P50)
                .analyze(RunDatasets.from(RunReader.read(outcome.dir())), null);
        assertThat(a.points()).noneMatch(PointStats::deviceTimed);
        assertThat(MarkdownReport.render(a)).doesNotContain("device time");
        assertThat(FitsJson.toJson(a)).doesNotContain("deviceNs");
    }
}
