package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.roofline.Ceilings;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfileWriter;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import dev.scalebench.backend.cuda.CalibrationResult;
import dev.scalebench.backend.cuda.CalibrationResult.Measurement;
import dev.scalebench.backend.cuda.CalibrationSettings;
import dev.scalebench.backend.cuda.CalibrationTarget;
import dev.scalebench.kernels.GpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile {@code calibrate} writes from a measurement, and the table it prints (a made-up H100 result). */
class CalibrationProfileTest {
    static final GpuInfo H100 = new GpuInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 132, 85_045_346_304L, 1_980_000,
            2_619_000, 5120, 52_428_800, 232_448, "0000:1B:00.0", "GPU-0badc0de-0000-0000-0000-000000000000");

    static CalibrationResult result() {
        return new CalibrationResult(H100, "12.4", "12.6.0", Instant.parse("2026-11-22T10:00:00Z"),
                CalibrationSettings.DEFAULTS, List.of(
                        m(CalibrationTarget.COPY, 2.951_234e12, 2.93e12),
                        m(CalibrationTarget.TRIAD, 3.012_345e12, 3.0e12),
                        m(CalibrationTarget.FP32, 5.123_456e13, 5.1e13),
                        m(CalibrationTarget.TF32, 3.61e14, 3.6e14),
                        m(CalibrationTarget.FP16, 6.625e14, 6.6e14),
                        m(CalibrationTarget.BF16, 6.630e14, 6.6e14)), List.of());
    }

    private static Measurement m(CalibrationTarget t, double best, double median) {
        return new Measurement(t, "setup of " + t.kernel(), 1e9, 10, 30, best, median, 0.9 * median, 2e7);
    }

    private static HardwareProfile sheet() {
        return HardwareProfiles.read(Cli.PROFILES.resolve("hardware/h100-sxm.yaml"));
    }

    @TempDir
    Path tmp;

    @Test
    void theProfileStoresTheBestRatesWithTheirSourcesAndNamesItsDataSheet() {
        HardwareProfile p = CalibrationProfile.of(result(), sheet(), "nvidia-h100-80gb-hbm3");
        assertThat(p.measured()).isTrue();
        assertThat(p.spec()).isEqualTo("h100-sxm");
        assertThat(p.match()).containsExactly("NVIDIA H100 80GB HBM3");
        assertThat(p.bandwidthBytesPerS()).isEqualTo(3.012e12); // triad beat copy; 4 significant digits
        assertThat(p.peakFlopsPerS()).containsOnlyKeys("fp32", "tf32", "fp16", "bf16");
        assertThat(p.peakFlops("fp32")).isEqualTo(5.123e13);
        assertThat(p.sms()).isEqualTo(132);
        assertThat(p.l2Bytes()).isEqualTo(52_428_800L);
        assertThat(p.sources().get("bandwidth-bytes-per-s")).contains("probe_copy_f32 (setup of probe_copy_f32;"
                + " 10 launches per repetition): best 2.951e12, median 2.930e12")
                .contains("stored: the best repetition of probe_triad_f32").contains("driver CUDA 12.4")
                .contains("2026-11-22T10:00:00Z").contains("GPU-0badc0de").contains("30 timed repetitions")
                .contains("after 1s of warm-up");
        assertThat(p.sources().get("peak-flops-per-s")).contains("bf16 probe_mma_bf16").contains("mma.sync");
        assertThat(p.sources()).containsKeys("sms", "memory-bytes", "l2-bytes").doesNotContainKey("price-per-hour");
    }

    @Test
    void theWrittenProfileReadsBackAndTheRooflinePicksItForThatGpuOnly() throws IOException {
        Path hardware = Files.createDirectories(tmp.resolve("hardware"));
        Files.copy(Cli.PROFILES.resolve("hardware/h100-sxm.yaml"), hardware.resolve("h100-sxm.yaml"));
        Files.copy(Cli.PROFILES.resolve("hardware/h100-pcie.yaml"), hardware.resolve("h100-pcie.yaml"));
        String id = CalibrationProfile.slug(H100.name());
        assertThat(id).isEqualTo("nvidia-h100-80gb-hbm3");
        HardwareProfile p = CalibrationProfile.of(result(), CalibrateCommand.dataSheet(H100.name(), hardware), id);
        Path file = Files.createDirectories(hardware.resolve("measured")).resolve(id + ".yaml");
        Files.writeString(file, HardwareProfileWriter.toYaml(p, CalibrationProfile.comments(result(), "calibrate")));
        assertThat(HardwareProfiles.read(file)).isEqualTo(p);
        assertThat(Files.readString(file)).startsWith("# scalebench hardware profile, measured");

        Ceilings c = Ceilings.forDevice("NVIDIA H100 80GB HBM3", hardware);
        assertThat(c.hardware()).isEqualTo(p);
        assertThat(c.spec().id()).isEqualTo("h100-sxm");
        assertThat(Ceilings.forDevice("NVIDIA H100 PCIe", hardware).hardware().id()).isEqualTo("h100-pcie");
        // a measured profile is never taken for a data sheet
        Files.copy(file, hardware.resolve("stray.yaml"));
        assertThat(CalibrateCommand.dataSheet(H100.name(), hardware).id()).isEqualTo("h100-sxm");
    }

    @Test
    void theTableSetsEachBestRateAgainstTheDataSheet() {
        List<List<String>> rows = CalibrationProfile.table(result(), sheet());
        assertThat(CalibrationProfile.header(sheet())).containsExactly("ceiling", "probe", "best", "median",
                "data sheet (h100-sxm)", "best / data sheet");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1)).containsExactly("bandwidth (triad)", "probe_triad_f32", "3.01 TB/s", "3 TB/s",
                "3.35 TB/s", "89.9 %");
        assertThat(rows.get(5).get(0)).isEqualTo("bf16 FLOP/s");
        assertThat(rows.get(5).get(5)).isEqualTo("67.0 %"); // 663 of 989 TFLOP/s
        assertThat(CalibrationProfile.table(result(), null).get(0)).endsWith("-", "-");
    }
}
