package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.results.PointRun;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.TrialResult;
import dev.scalebench.results.TrialRun;
import dev.scalebench.results.TrialValues;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A run without energy readings says why once, from its fingerprint ({@code energy.cpu} from RAPL, {@code gpu.nvml}
 * from NVML), among the analysis's warnings, and says nothing when energy was read or nothing explains its absence.
 */
class EnergyUnavailableTest {

    private static final SweepPoint P = new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL,
            ModelSpec.of(new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false)), 1, 8);

    private static Run run(Map<String, String> fingerprint, boolean withEnergy) {
        RunManifest.PointEntry e = RunManifest.PointEntry.of(P);
        RunManifest m = RunManifest.running("r", "test", Instant.EPOCH, "s.yaml",
                JsonNodeFactory.instance.objectNode(), fingerprint,
                new RunManifest.Plan(List.of(e), List.of(P.id() + "#r0"), List.of(), List.of()));
        Histogram h = new Histogram(3);
        for (int i = 0; i < 100; i++) {
            h.recordValue(1000 + i);
        }
        TrialResult t = new TrialResult(P.id() + "#r0", P.id(), 0, 0, TrialResult.Status.OK, null, Instant.EPOCH,
                Instant.EPOCH, new TrialResult.Measured(new TrialResult.Warmup(1, 1, true), 100, 1_000_000_000L, -1,
                        new TrialResult.Gc(0, 0), null, -1, withEnergy ? new MachineReading(null,
                                new Energy(EnergySource.RAPL, 2.0, 2.0, false), null) : MachineReading.NONE),
                List.of());
        TrialRun tr = new TrialRun(t, TrialValues.of(t, h, e.tokensPerStep()), h);
        return new Run(Path.of("r"), m, List.of(new PointRun(e, List.of(tr))), List.of(), List.of());
    }

    @Test
    void theReasonIsSaidOnceWhenNothingWasRead() {
        String why = "unavailable (no /sys/class/powercap/intel-rapl:0: the kernel exposes no RAPL here)";
        assertThat(RunDatasets.energyUnavailable(run(Map.of("energy.cpu", why), false))).contains("energy: " + why);
        assertThat(RunDatasets.from(run(Map.of("energy.cpu", why), false)).warnings()).containsOnlyOnce(
                "energy: " + why);
        assertThat(RunDatasets.energyUnavailable(run(Map.of("gpu.nvml", "absent: libnvidia-ml.so.1 not found"),
                false))).contains("energy: unavailable (absent: libnvidia-ml.so.1 not found)");
    }

    @Test
    void nothingIsSaidWhenEnergyWasReadOrNothingExplainsItsAbsence() {
        assertThat(RunDatasets.energyUnavailable(run(Map.of("energy.cpu", "unavailable (x)"), true))).isEmpty();
        assertThat(RunDatasets.energyUnavailable(run(Map.of("energy.cpu", "rapl (package-0)"), false))).isEmpty();
        assertThat(RunDatasets.energyUnavailable(run(Map.of(), false))).isEmpty();
    }
}
