package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.nvml.FakeNvml;
import dev.scalebench.measure.nvml.Nvml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's "GPU fit to measure" on the fake NVML: each unfit item with the nvidia-smi command that fixes it. */
class DoctorGpuTest {

    private FakeNvml.Control fake;

    @BeforeEach
    void useTheFake() {
        fake = FakeNvml.use();
    }

    @AfterEach
    void forgetTheFake() {
        FakeNvml.forget();
    }

    @Test
    void aLockedPersistentCoolGpuIsFit() {
        fake.fake_nvml_set("app.sm.mhz", "1980");
        fake.fake_nvml_set("default.app.sm.mhz", "1755");
        List<DoctorCommand.Check> checks = DoctorGpu.checks();
        assertThat(checks).hasSize(1);
        DoctorCommand.Check c = checks.get(0);
        assertThat(c.ok()).as(c.detail()).isTrue();
        assertThat(c.name()).isEqualTo("GPU fit to measure (GPU 0)");
        assertThat(c.detail()).startsWith("NVIDIA H100 80GB HBM3: persistence on, application clocks set (sm 1980 MHz,"
                + " memory 2619 MHz), no power or thermal throttling now (reasons 0x1), ECC on; power limit 700 W,"
                + " MIG off, driver 550.54.15");
    }

    @Test
    void everyUnfitItemComesWithItsFix() {
        fake.fake_nvml_set("count", "2");
        fake.fake_nvml_set("persistence", "0");
        fake.fake_nvml_set("throttle", "0x41");
        fake.fake_nvml_set("temp.c", "87");
        fake.fake_nvml_set("max.sm.mhz", "1980");
        fake.fake_nvml_set("max.mem.mhz", "2619");
        List<DoctorCommand.Check> checks = DoctorGpu.checks();
        assertThat(checks).hasSize(2).extracting(DoctorCommand.Check::name)
                .containsExactly("GPU fit to measure (GPU 0)", "GPU fit to measure (GPU 1)");
        DoctorCommand.Check c = checks.get(1);
        assertThat(c.ok()).isFalse();
        assertThat(c.broken()).isTrue();
        assertThat(c.detail()).contains("persistence off", "clocks not locked",
                "throttled by power or temperature now, before any work (reasons 0x41, 87 °C)", "fine: ECC on");
        assertThat(c.fix()).isEqualTo("sudo nvidia-smi -i 1 -pm 1; sudo nvidia-smi -i 1 -lgc 1980,1980 (or sudo"
                + " nvidia-smi -i 1 -ac 2619,1980); nvidia-smi -i 1 -q -d PERFORMANCE,POWER,TEMPERATURE (then cooling,"
                + " or sudo nvidia-smi -i 1 -pl <watts> within the board's limits)");
    }

    @Test
    void eccNotSupportedIsReportedNotAProblemButAnUnreadableOneIs() {
        fake.fake_nvml_set("app.mem.mhz", "1593");
        fake.fake_nvml_set("ecc.error", "3");
        DoctorCommand.Check c = DoctorGpu.checks().get(0);
        assertThat(c.ok()).isTrue();
        assertThat(c.detail()).contains("ECC not supported");
        fake.fake_nvml_set("ecc.error", "15");
        DoctorCommand.Check lost = DoctorGpu.checks().get(0);
        assertThat(lost.ok()).isFalse();
        assertThat(lost.detail()).contains("ECC state: nvmlDeviceGetEccMode: GPU is lost (NVML error 15)");
        assertThat(lost.fix()).isEqualTo("nvidia-smi -i 0 -q -d ECC");
    }

    @Test
    void noNvmlIsOneAbsentLineAndDoctorStillPasses(@TempDir Path results) {
        System.setProperty(Nvml.LIBRARY_PROPERTY, "libnvidia-ml-not-here.so.1");
        List<DoctorCommand.Check> checks = DoctorGpu.checks();
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.required()).isFalse();
            assertThat(c.broken()).isFalse();
            assertThat(c.detail()).isEqualTo("absent: libnvidia-ml-not-here.so.1 not found (no NVIDIA driver: GPU"
                    + " state and energy are not read)");
        });
        Cli.Result r = Cli.run("doctor", "--profiles-dir", Cli.PROFILES.toString(), "--results-dir=" + results);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("absent +GPU fit to measure +absent: libnvidia-ml-not-here.so.1 not found");
    }
}
