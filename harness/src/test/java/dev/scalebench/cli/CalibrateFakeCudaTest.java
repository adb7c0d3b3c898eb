package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.roofline.Ceilings;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import dev.scalebench.kernels.testing.FakeCuda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of {@code calibrate} through the driver layer, on the fake CUDA driver (one fake H100 whose CUDA events
 * measure host time): context, stream, events, free memory and buffer sizing, allocations, the profile it writes,
 * the data sheet it matches, the table it prints. Only the probe kernels are stand-ins ({@link CalibrateOnFakeCuda}).
 */
class CalibrateFakeCudaTest {

    @TempDir
    Path tmp;

    @Test
    void calibrateWritesAMeasuredProfileThatTheRooflinePicksForThatGpu() throws IOException {
        FakeCuda.require();
        Path profiles = tmp.resolve("profiles");
        Path hardware = Files.createDirectories(profiles.resolve("hardware"));
        Files.copy(Cli.PROFILES.resolve("hardware/h100-sxm.yaml"), hardware.resolve("h100-sxm.yaml"));
        FakeCuda.Result r = FakeCuda.run(CalibrateOnFakeCuda.class, Map.of(), "--profiles-dir", profiles.toString(),
                "--repetitions", "5", "--warmup", "60ms");
        assertThat(r.exitCode()).as(r.stderr() + r.stdout()).isZero();

        Path file = hardware.resolve("measured/nvidia-h100-80gb-hbm3-fake.yaml");
        assertThat(r.stdout()).contains("profile: " + file).contains("data sheet (h100-sxm)")
                .contains("bandwidth (triad)").contains("bf16 FLOP/s").contains("stored: the best of 5 repetitions");
        assertThat(r.stderr()).contains("calibrate: measuring copy (probe_copy_f32)");
        HardwareProfile p = HardwareProfiles.read(file);
        assertThat(p.measured()).isTrue();
        assertThat(p.spec()).isEqualTo("h100-sxm");
        assertThat(p.match()).containsExactly("NVIDIA H100 80GB HBM3 (fake)");
        assertThat(p.sms()).isEqualTo(132);
        // spinning at the simulated rates, the events (host time on the fake) can only make the rates lower
        assertThat(p.bandwidthBytesPerS()).isBetween(0.5 * CalibrateOnFakeCuda.BANDWIDTH,
                1.001 * CalibrateOnFakeCuda.BANDWIDTH);
        for (String dtype : new String[] {"fp32", "tf32", "fp16", "bf16"}) {
            assertThat(p.peakFlops(dtype)).as(dtype).isBetween(0.5 * CalibrateOnFakeCuda.FLOPS,
                    1.001 * CalibrateOnFakeCuda.FLOPS);
        }
        // buffers of 8x the fake's 50 MiB L2: the sizes are in the sources
        assertThat(p.l2Bytes()).isEqualTo(50L << 20);
        assertThat(p.sources().get("bandwidth-bytes-per-s")).contains("probe_triad_f32 (3 buffers of 400 MiB")
                .contains("2026-11-22T10:00:00Z").contains("driver CUDA 13.0");
        assertThat(p.sources().get("peak-flops-per-s")).contains("iterations");

        Ceilings c = Ceilings.forDevice("NVIDIA H100 80GB HBM3 (fake)", hardware);
        assertThat(c.hardware().id()).isEqualTo("nvidia-h100-80gb-hbm3-fake");
        assertThat(c.spec().id()).isEqualTo("h100-sxm");
    }
}
