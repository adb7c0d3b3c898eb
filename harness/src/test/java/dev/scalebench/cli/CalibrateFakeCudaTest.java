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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of {@code calibrate} through the driver layer, on the fake CUDA driver (one fake H100 whose CUDA events
 * measure the recording thread's CPU time, as the stand-in probes spin on it): context, stream, events, free memory
 * and buffer sizing, allocations, the profile it writes, the data sheet it matches, the table it prints. Only the
 * probe kernels are stand-ins ({@link CalibrateOnFakeCuda}).
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
        FakeCuda.Result r = FakeCuda.run(CalibrateOnFakeCuda.class, CalibrateOnFakeCuda.ENV, "--profiles-dir",
                profiles.toString(), "--repetitions", "5", "--warmup", "60ms");
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
        // spinning at the simulated rates, the events (the thread's CPU time, which the spins count too) can only
        // make the rates lower, and only by the loop's own overhead: not by what else the machine runs
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

    @Test
    void theProbeKernelsLaunchAsTheFakeDriverAccepts() throws IOException {
        FakeCuda.require();
        Assumptions.assumeTrue(CalibrateFakeCudaTest.class.getResource("/cuda/probes.ptx") != null,
                "probes.ptx is not on the class path (built from probes.cu by kernels/build-kernels.sh with nvcc)");
        Path profiles = tmp.resolve("profiles");
        Files.createDirectories(profiles.resolve("hardware"));
        Path out = tmp.resolve("fake.yaml");
        FakeCuda.Result r = FakeCuda.run(Main.class, Map.of(), "calibrate", "--profiles-dir", profiles.toString(),
                "--output", out.toString(), "--repetitions", "3", "--warmup", "1ms");
        assertThat(r.exitCode()).as(r.stderr() + r.stdout()).isZero();
        assertThat(HardwareProfiles.read(out).measured()).isTrue();
        // every probe launched with its buffers live (the fake rejects any other pointer), 8 blocks per SM
        Map<String, Long> launches = new java.util.TreeMap<>();
        for (FakeCuda.Launch l : r.launches()) {
            launches.merge(l.kernel(), 1L, Long::sum);
            assertThat(l.grid().x()).as(l.kernel()).isEqualTo(8 * 132);
            assertThat(l.block().x()).isEqualTo(256);
        }
        assertThat(launches).containsOnlyKeys("probe_copy_f32", "probe_triad_f32", "probe_fma_f32", "probe_mma_tf32",
                "probe_mma_f16", "probe_mma_bf16");
        FakeCuda.Launch copy = r.launches().stream().filter(l -> l.kernel().equals("probe_copy_f32")).findFirst()
                .orElseThrow();
        assertThat(copy.args()).hasSize(3);
        assertThat(copy.args().get(2)).isEqualTo(Long.toString((400L << 20) / 16)); // n4 of a 400 MiB buffer
    }
}
