package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.Session;
import dev.scalebench.backend.djl.DjlBackendProvider;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.measure.MemoryProbe;
import dev.scalebench.measure.ProcessMemory;
import dev.scalebench.plan.SweepPoint;
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
 * Memory per point on the CPU, measured: a sweep journals every trial's peak memory growth and summary.csv carries
 * the point's; a DJL point whose step holds a large activation reads at least that activation's size.
 */
class MemoryPerPointTest {

    private static final long MIB = 1L << 20;

    @Test
    void aSweepInThisProcessJournalsEachTrialsMemoryAndSummarisesThePoint(@TempDir Path results) throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/self/status"))).as("Linux /proc").isTrue();
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepSpec spec = new SweepSpec("timed", "timed", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2), List.of(8), 2, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null);
        SweepService.Outcome outcome = new SweepService(results, Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true), false, Duration.ofSeconds(10)).start(spec, null);
        List<TrialResult> trials = RunReader.read(outcome.dir()).trials();
        assertThat(trials).hasSize(4).allSatisfy(t -> assertThat(t.measured().memPeakBytes()).as(t.trialId())
                .isGreaterThanOrEqualTo(0));
        List<PointSummary> rows = SummaryWriter.write(Run.read(outcome.dir()));
        assertThat(rows).allSatisfy(r -> assertThat(r.memoryKnown()).isTrue());
        List<String> csv = Files.readAllLines(outcome.dir().resolve("summary.csv"));
        int col = List.of(csv.get(0).split(",", -1)).indexOf("mem_peak_bytes");
        assertThat(col).isPositive();
        for (String row : csv.subList(1, csv.size())) {
            assertThat(Long.parseLong(row.split(",", -1)[col])).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aDjlCpuPointWithALargeActivationReadsAtLeastItsSize() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/self/status"))).as("Linux /proc").isTrue();
        // logits alone: batch 8 x seq 512 x vocab 8192 x 4 bytes = 128 MiB per step
        ModelConfig wide = new ModelConfig("wide-vocab", 1, 64, 4, 4, 128, 8192, false);
        SweepPoint point = new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL, ModelSpec.of(wide), 8, 512);
        try (Backend backend = new DjlBackendProvider().open("cpu", 7)) {
            MemoryProbe probe = MemoryProbes.forBackend(backend);
            assertThat(probe).isInstanceOf(ProcessMemory.class);
            MemoryProbe.Window w = probe.begin();
            try (Session s = backend.open(point)) {
                for (int i = 0; i < 3; i++) {
                    s.step();
                }
                long peak = w.peakBytes();
                assertThat(peak).as("peak growth of a point with 128 MiB of logits").isGreaterThanOrEqualTo(100 * MIB);
            }
        }
    }
}
