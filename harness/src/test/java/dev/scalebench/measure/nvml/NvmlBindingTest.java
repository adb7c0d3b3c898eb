package dev.scalebench.measure.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JNA binding reads what the fake NVML is scripted to return, and turns every error code into its message. */
class NvmlBindingTest {

    private FakeNvml.Control fake;
    /** NVML inits left open by earlier tests in this JVM (a sweep's sensor holds NVML until the process ends). */
    private int openBefore;

    @BeforeEach
    void useTheFake() {
        System.setProperty(Nvml.LIBRARY_PROPERTY, FakeNvml.require().toString());
        fake = FakeNvml.control();
        fake.fake_nvml_reset();
        openBefore = fake.fake_nvml_inits();
    }

    @AfterEach
    void forgetTheFake() {
        System.clearProperty(Nvml.LIBRARY_PROPERTY);
    }

    private void set(Map<String, String> values) {
        values.forEach(fake::fake_nvml_set);
    }

    @Test
    void readsEveryScriptedValue() {
        set(Map.of("energy.mj", "123456789", "power.mw", "312500", "power.limit.mw", "650000", "sm.mhz", "1410",
                "mem.mhz", "1593", "throttle", "0x44", "temp.c", "71", "mem.used.bytes", "4000000000"));
        set(Map.of("mem.total.bytes", "80000000000", "persistence", "0", "ecc", "1", "mig", "1",
                "name", "NVIDIA A100-SXM4-80GB", "driver", "535.104.05", "app.sm.mhz", "1200",
                "default.app.sm.mhz", "1095", "max.sm.mhz", "1410"));
        try (Nvml nvml = Nvml.open()) {
            assertThat(nvml.driverVersion()).isEqualTo("535.104.05");
            assertThat(nvml.deviceCount()).isEqualTo(1);
            NvmlDevice gpu = nvml.device(0);
            assertThat(gpu.name()).isEqualTo("NVIDIA A100-SXM4-80GB");
            assertThat(gpu.energyMillijoules()).isEqualTo(123_456_789L);
            assertThat(gpu.powerMilliwatts()).isEqualTo(312_500);
            assertThat(gpu.enforcedPowerLimitMilliwatts()).isEqualTo(650_000);
            assertThat(gpu.clockMHz(NvmlDevice.ClockType.SM)).isEqualTo(1410);
            assertThat(gpu.clockMHz(NvmlDevice.ClockType.MEMORY)).isEqualTo(1593);
            assertThat(gpu.applicationClockMHz(NvmlDevice.ClockType.SM)).isEqualTo(1200);
            assertThat(gpu.defaultApplicationClockMHz(NvmlDevice.ClockType.SM)).isEqualTo(1095);
            assertThat(gpu.maxClockMHz(NvmlDevice.ClockType.SM)).isEqualTo(1410);
            assertThat(gpu.throttleReasons()).isEqualTo(0x44L);
            assertThat(gpu.temperatureC()).isEqualTo(71);
            assertThat(gpu.memory()).isEqualTo(new NvmlDevice.Memory(80_000_000_000L, 76_000_000_000L,
                    4_000_000_000L));
            assertThat(gpu.persistenceMode()).isFalse();
            assertThat(gpu.eccMode()).isEqualTo(new NvmlDevice.Mode(true, true));
            assertThat(gpu.migMode().current()).isTrue();
            assertThat(fake.fake_nvml_inits()).isEqualTo(openBefore + 1);
        }
        assertThat(fake.fake_nvml_inits()).as("close() shuts NVML down").isEqualTo(openBefore);
    }

    @Test
    void anErrorCodeBecomesNvmlsOwnTextNamingTheCall() {
        fake.fake_nvml_set("energy.error", "3");
        fake.fake_nvml_set("temp.c.error", "15");
        try (Nvml nvml = Nvml.open()) {
            NvmlDevice gpu = nvml.device(0);
            assertThatThrownBy(gpu::energyMillijoules).isInstanceOfSatisfying(NvmlException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("nvmlDeviceGetTotalEnergyConsumption: Not Supported (NVML error 3)");
                assertThat(e.notSupported()).isTrue();
            });
            assertThatThrownBy(gpu::temperatureC).hasMessage("nvmlDeviceGetTemperature: GPU is lost (NVML error 15)");
            assertThatThrownBy(() -> nvml.device(3))
                    .hasMessage("nvmlDeviceGetHandleByIndex_v2(3): Invalid Argument (NVML error 2)");
        }
    }

    @Test
    void aFailedInitSaysWhy() {
        fake.fake_nvml_set("init.error", "9");
        assertThatThrownBy(Nvml::open).hasMessage("nvmlInit_v2: Driver Not Loaded (NVML error 9)");
        assertThat(fake.fake_nvml_inits()).isEqualTo(openBefore);
    }

    @Test
    void aMissingLibraryIsAbsentWithItsName() {
        System.setProperty(Nvml.LIBRARY_PROPERTY, "libnvidia-ml-not-here.so.1");
        assertThatThrownBy(Nvml::open).isInstanceOfSatisfying(NvmlException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("absent: libnvidia-ml-not-here.so.1 not found");
            assertThat(e.absent()).isTrue();
        });
        System.clearProperty(Nvml.LIBRARY_PROPERTY);
        assertThat(Nvml.library()).isEqualTo("libnvidia-ml.so.1");
    }

    @Test
    void cudaOrdinalsFollowCudaVisibleDevices() {
        fake.fake_nvml_set("count", "4");
        fake.fake_nvml_set("uuid", "GPU-1234-");
        try (Nvml nvml = Nvml.open()) {
            assertThat(nvml.deviceForCuda(2, null).index()).isEqualTo(2);
            assertThat(nvml.deviceForCuda(1, "3,1").index()).isEqualTo(1);
            assertThat(nvml.deviceForCuda(0, "3,1").index()).isEqualTo(3);
            assertThat(nvml.deviceForCuda(0, "GPU-1234-2").index()).isEqualTo(2);
            assertThatThrownBy(() -> nvml.deviceForCuda(2, "3,1")).hasMessage("CUDA_VISIBLE_DEVICES=3,1: has no GPU 2");
            assertThatThrownBy(() -> nvml.deviceForCuda(0, "MIG-abc")).isInstanceOfSatisfying(NvmlException.class,
                    e -> assertThat(e.notSupported()).isTrue());
            assertThatThrownBy(() -> nvml.deviceForCuda(0, "GPU-ffff"))
                    .hasMessageContaining("names no GPU that NVML sees");
        }
    }
}
