package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {

    @TempDir
    Path tmp;

    private Path profiles() throws IOException {
        Path p = tmp.resolve("profiles");
        Files.createDirectories(p.resolve("hardware"));
        Files.copy(Cli.PROFILES.resolve("hardware/h100-sxm.yaml"), p.resolve("hardware/h100-sxm.yaml"));
        return p;
    }

    @Test
    void withoutAGpuItSaysWhyAndWhatToDoWritesNothingAndExits4() throws IOException {
        Availability a = Cuda.availability();
        assumeFalse(a.available(), "this machine has a usable GPU");
        Path profiles = profiles();
        Path out = tmp.resolve("out.yaml");
        for (String[] args : new String[][] {
            {"calibrate", "--profiles-dir", profiles.toString()},
            {"calibrate", "--device", "gpu:1", "--output", out.toString(), "--profiles-dir", profiles.toString()},
            // --out: --output's old name, still accepted
            {"calibrate", "--device", "gpu:1", "--out", out.toString(), "--profiles-dir", profiles.toString()}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).startsWith("calibrate: unavailable: " + a.reason() + System.lineSeparator())
                    .contains("fix: " + a.fix());
            assertThat(a.reason()).isNotBlank();
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.walk(profiles)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(profiles.resolve("hardware/h100-sxm.yaml"));
        }
    }

    @Test
    void badUsageExits2BeforeLookingForAGpu() {
        Cli.Result both = Cli.run("calibrate", "--output", "a.yaml", "--out", "b.yaml");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--out is the old name of --output");
        Cli.Result cpu = Cli.run("calibrate", "--device", "cpu");
        assertThat(cpu.code()).isEqualTo(2);
        assertThat(cpu.err()).contains("--device cpu: calibrate measures a GPU: gpu or gpu:N");
        Cli.Result reps = Cli.run("calibrate", "--repetitions", "2");
        assertThat(reps.code()).isEqualTo(2);
        assertThat(reps.err()).contains("--repetitions 2: must be >= 3");
        Cli.Result warm = Cli.run("calibrate", "--warmup", "soon");
        assertThat(warm.code()).isEqualTo(2);
        assertThat(CalibrateCommand.gpuIndex("gpu")).isZero();
        assertThat(CalibrateCommand.gpuIndex(" GPU:3 ")).isEqualTo(3);
    }

    @Test
    void helpDocumentsTheExitCodeOfAMachineWithoutAGpu() {
        Cli.Result r = Cli.run("calibrate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("4  no usable GPU: prints 'calibrate: unavailable: <reason>'")
                .contains("hardware/measured/").contains("--device").contains("--output=FILE")
                .doesNotContain("--out=");
    }

    @Test
    @Tag("gpu")
    void onAGpuItWritesAMeasuredProfileWithPlausibleCeilings() throws IOException {
        Availability a = Cuda.availability();
        assumeTrue(a.available(), a.reason());
        Path profiles = profiles();
        Path out = tmp.resolve("measured.yaml");
        Cli.Result r = Cli.run("calibrate", "--output", out.toString(), "--repetitions", "5", "--warmup", "200ms",
                "--profiles-dir", profiles.toString());
        assertThat(r.code()).as(r.err()).isZero();
        HardwareProfile p = HardwareProfiles.read(out);
        assertThat(p.measured()).isTrue();
        assertThat(p.match()).containsExactly(Cuda.device(0).name());
        assertThat(p.bandwidthBytesPerS()).isBetween(1e11, 1e13);
        assertThat(p.peakFlops("fp32")).isBetween(1e12, 2e14);
        assertThat(p.peakFlops("bf16")).isGreaterThan(p.peakFlops("fp32"));
        assertThat(r.out()).contains("best / data sheet").contains("profile: " + out);
    }
}
