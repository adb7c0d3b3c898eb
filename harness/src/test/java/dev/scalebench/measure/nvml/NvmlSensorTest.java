package dev.scalebench.measure.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.GpuSample;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NVML sensor on the fake driver: the energy counter's difference and mean power (hand-computed), the flags its
 * reading raises (throttled by power or thermal bits, not by idle or application-clock bits; energy-short below ten
 * counter periods), no energy part when the counter is not supported or went backwards, and a clean reason when
 * there is no library. The measured time is given, never taken from a clock.
 */
class NvmlSensorTest {

    private FakeNvml.Control fake;

    @BeforeEach
    void useTheFake() {
        fake = FakeNvml.use();
    }

    @AfterEach
    void forgetTheFake() {
        FakeNvml.forget();
    }

    /** One window of a sensor on GPU 0 over a loop of {@code measuredNanos}. */
    private MachineReading trial(Map<String, String> script, long measuredNanos) {
        script.forEach(fake::fake_nvml_set);
        NvmlSensor.Opened opened = NvmlSensor.forCudaDevice(0);
        assertThat(opened.reason()).isEmpty();
        try (NvmlSensor sensor = (NvmlSensor) opened.sensor()) {
            TrialSensor.Window w = sensor.begin();
            return w.end(measuredNanos);
        }
    }

    @Test
    void energyIsTheCountersDifferenceAndPowerItsMeanOverTheMeasuredTime() {
        // 1 000 000 mJ at the start, 1 250 000 mJ at the end: 250 J over 2.5 s = 100 W
        MachineReading r = trial(Map.of("energy.mj", "1000000,1250000", "throttle", "0x1"), 2_500_000_000L);
        assertThat(r.energy()).isEqualTo(new Energy(EnergySource.NVML, 250.0, 100.0, false));
        assertThat(r.flags()).isEmpty();
        // a counter advancing 1 234 mJ per read, over 1.234 s: 1.234 J, 1 W
        MachineReading s = trial(Map.of("energy.mj", "7", "energy.step.mj", "1234"), 1_234_000_000L);
        assertThat(s.energy().joules()).isEqualTo(1.234);
        assertThat(s.energy().meanPowerWatts()).isEqualTo(1.0);
    }

    @Test
    void theGpuSampleHoldsTheEndsClocksAndTheReasonsOfBothEnds() {
        MachineReading r = trial(Map.of("sm.mhz", "1755", "mem.mhz", "2619", "temp.c", "64",
                "mem.used.bytes", "17179869184", "throttle", "0x1,0x2"), 2_000_000_000L);
        assertThat(r.gpu()).isEqualTo(new GpuSample(1755, 2619, 0x3, 64, 17_179_869_184L));
        assertThat(r.flags()).as("idle and application-clock bits do not flag").isEmpty();
    }

    @Test
    void powerOrThermalThrottlingAtEitherEndFlagsTheTrial() {
        for (String reasons : new String[] {"0x1,0x4", "0x40,0x0", "0x0,0x8", "0x20,0x20", "0x80,0x1"}) {
            MachineReading r = trial(Map.of("throttle", reasons), 2_000_000_000L);
            assertThat(r.flags()).as(reasons).containsExactly(Flag.THROTTLED);
        }
        assertThat(trial(Map.of("throttle", "0x100,0x10"), 2_000_000_000L).flags())
                .as("display clock and sync boost do not flag").isEmpty();
    }

    @Test
    void aLoopShorterThanTenCounterPeriodsIsEnergyShort() {
        assertThat(NvmlSensor.ENERGY_MIN_NANOS).isEqualTo(1_000_000_000L);
        MachineReading r = trial(Map.of("energy.mj", "500,1500"), 999_999_999L);
        assertThat(r.energy().joules()).isEqualTo(1.0);
        assertThat(r.energy().tooShort()).isTrue();
        assertThat(r.flags()).containsExactly(Flag.ENERGY_SHORT);
        assertThat(trial(Map.of("energy.mj", "500,1500"), 1_000_000_000L).flags()).isEmpty();
    }

    @Test
    void anUnsupportedResetOrStuckCounterGivesNoEnergyNeverAZero() {
        MachineReading unsupported = trial(Map.of("energy.error", "3"), 2_000_000_000L);
        assertThat(unsupported.energy()).isNull();
        assertThat(unsupported.gpu()).as("the rest is still read").isNotNull();
        fake.fake_nvml_reset();
        assertThat(trial(Map.of("energy.mj", "9000,100"), 2_000_000_000L).energy())
                .as("the counter went backwards: the driver was reloaded").isNull();
        fake.fake_nvml_reset();
        assertThat(trial(Map.of("energy.mj", "9000,9000"), 2_000_000_000L).energy())
                .as("a counter that did not move over ten periods is not updating").isNull();
        fake.fake_nvml_reset();
        Energy stale = trial(Map.of("energy.mj", "9000,9000"), 50_000_000L).energy();
        assertThat(stale.joules()).as("over a shorter loop it was not updated yet: a coarse zero").isZero();
        assertThat(stale.tooShort()).isTrue();
    }

    @Test
    void everyReadFailingGivesAnEmptyReading() {
        for (String key : new String[] {"energy", "throttle", "sm.mhz", "mem.mhz", "temp.c", "mem.total.bytes"}) {
            fake.fake_nvml_set(key + ".error", "15");
        }
        assertThat(trial(Map.of(), 2_000_000_000L).isEmpty()).isTrue();
    }

    @Test
    void noLibraryIsNoSensorWithACleanReason() {
        System.setProperty(Nvml.LIBRARY_PROPERTY, "/nonexistent/libnvidia-ml.so.1");
        NvmlSensor.Opened opened = NvmlSensor.forCudaDevice(0);
        assertThat(opened.sensor()).isSameAs(TrialSensor.NONE);
        assertThat(opened.reason()).isEqualTo("absent: /nonexistent/libnvidia-ml.so.1 not found");
        assertThat(GpuFacts.withGpuState(Map.of("backend", "cuda"), new DeviceInfo("gpu:0", "H100", 1)))
                .containsEntry("gpu.nvml", "absent: /nonexistent/libnvidia-ml.so.1 not found")
                .containsEntry("backend", "cuda");
    }

    @Test
    void theFingerprintGetsTheGpuStateForAGpuOnly() {
        int openBefore = fake.fake_nvml_inits();
        Map.of("power.limit.mw", "350500", "persistence", "0", "app.sm.mhz", "1980", "default.app.sm.mhz", "1755",
                "ecc", "1", "mig", "0", "driver", "550.54.15").forEach(fake::fake_nvml_set);
        Map<String, String> f = GpuFacts.withGpuState(Map.of("backend", "cuda", "gpu.driver", "from the backend"),
                new DeviceInfo("gpu:0", "H100", 1));
        assertThat(f).containsEntry("gpu.power.limit.watts", "350.5").containsEntry("gpu.persistence", "off")
                .containsEntry("gpu.clocks.locked", "true").containsEntry("gpu.clocks.application.mhz",
                        "sm 1980, memory 2619")
                .containsEntry("gpu.ecc", "on").containsEntry("gpu.mig", "off")
                .containsEntry("gpu.driver", "from the backend").containsEntry("backend", "cuda")
                .doesNotContainKey("gpu.nvml");
        fake.fake_nvml_reset();
        fake.fake_nvml_set("ecc.error", "3");
        assertThat(GpuFacts.withGpuState(Map.of(), new DeviceInfo("gpu:0", "H100", 1)))
                .containsEntry("gpu.clocks.locked", "false").containsEntry("gpu.ecc", "unsupported")
                .containsEntry("gpu.power.limit.watts", "700").containsEntry("gpu.driver", "550.54.15");
        Map<String, String> cpu = Map.of("backend", "djl");
        assertThat(GpuFacts.withGpuState(cpu, new DeviceInfo("cpu", "x", 1))).isSameAs(cpu);
        assertThat(fake.fake_nvml_inits()).as("every open was closed").isEqualTo(openBefore);
    }
}
