package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.nvml.FakeNvml;
import dev.scalebench.measure.nvml.Nvml;
import dev.scalebench.measure.nvml.NvmlSensor;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU path of a sweep on the fake NVML, with the {@code timed} test backend standing in for DJL on a GPU (its
 * device is {@code gpu:0}, as DJL's is; DJL itself cannot load a CUDA libtorch here): the sweep picks the NVML
 * sensor, every trial's journal line holds the counter's difference as its energy and the scripted power cap as a
 * {@code throttled} flag, and run.json's fingerprint holds the GPU's state.
 */
class GpuEnergySweepTest {

    private FakeNvml.Control fake;

    @BeforeEach
    void useTheFake() {
        fake = FakeNvml.use();
    }

    @AfterEach
    void forgetTheFake() {
        FakeNvml.forget();
    }

    /** One window of {@code backend}'s sensors; its energy, or null. */
    private static Energy energyOf(Backend backend) {
        return TrialSensors.forBackend(backend).begin().end(2_000_000_000L).energy();
    }

    @Test
    void aGpuBackendReadsNvmlAndSaysOnceWhenItCannot() {
        fake.fake_nvml_set("energy.step.mj", "500");
        try (Backend gpu = BackendProvider.find("timed").open("auto", 1)) {
            assertThat(energyOf(gpu)).isEqualTo(new Energy(EnergySource.NVML, 0.5, 0.25, false));
            assertThat(TrialSensors.notices(gpu)).isEmpty();
        }
        try (Backend notGpu = BackendProvider.find("fault").open("auto", 1)) {
            assertThat(notGpu.device().isGpu()).isFalse();
            Energy e = energyOf(notGpu);
            assertThat(e == null || e.source() != EnergySource.NVML).as("no NVML reading off a GPU").isTrue();
        }
        System.setProperty(Nvml.LIBRARY_PROPERTY, "/nonexistent/libnvidia-ml.so.1");
        try (Backend gpu = BackendProvider.find("timed").open("auto", 1)) {
            assertThat(energyOf(gpu)).as("no NVML: no energy, no error").isNull();
            assertThat(TrialSensors.notices(gpu))
                    .containsExactly("energy: unavailable (absent: /nonexistent/libnvidia-ml.so.1 not found)");
        }
    }

    @Test
    void everyTrialJournalsTheCountersDifferenceAndTheThrottleFlag(@TempDir Path results) throws Exception {
        // the counter advances 2 000 mJ per read and a trial reads it twice: 2 J per trial, whatever its length
        fake.fake_nvml_set("energy.step.mj", "2000");
        fake.fake_nvml_set("throttle", "0x4"); // software power cap
        fake.fake_nvml_set("power.limit.mw", "450000");
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepSpec spec = new SweepSpec("gpu-energy", "timed", "auto", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2), List.of(8), 2, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null);
        SweepService.Outcome outcome = new SweepService(results, Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true), false, Duration.ofSeconds(10)).start(spec, null);
        RunReader run = RunReader.read(outcome.dir());
        assertThat(run.trials()).hasSizeGreaterThanOrEqualTo(4); // and the re-measurements of interfered trials
        for (TrialResult t : run.trials()) {
            Energy e = t.measured().machine().energy();
            long nanos = t.measured().nanos();
            assertThat(e.source()).isEqualTo(EnergySource.NVML);
            assertThat(e.joules()).as(t.trialId()).isEqualTo(2.0);
            assertThat(e.meanPowerWatts()).isCloseTo(2.0 / (nanos / 1e9), within(1e-9 * e.meanPowerWatts()));
            assertThat(e.tooShort()).isEqualTo(nanos < NvmlSensor.ENERGY_MIN_NANOS);
            assertThat(t.measured().machine().gpu().throttleReasons()).isEqualTo(0x4L);
            assertThat(t.flags()).contains(Flag.THROTTLED);
        }
        String journal = Files.readString(outcome.dir().resolve("trials.jsonl"));
        assertThat(journal).contains("\"energySource\":\"nvml\"", "\"energyJ\":2.0", "\"gpuThrottleReasons\":4",
                "\"throttled\"");
        String manifest = Files.readString(outcome.dir().resolve("run.json"));
        assertThat(manifest).contains("\"gpu.power.limit.watts\" : \"450\"", "\"gpu.persistence\" : \"on\"",
                "\"gpu.clocks.locked\" : \"false\"", "\"gpu.driver\" : \"550.54.15\"");
    }
}
