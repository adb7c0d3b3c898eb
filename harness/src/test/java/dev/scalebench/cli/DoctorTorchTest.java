package dev.scalebench.cli;

import static dev.scalebench.backend.djl.LibtorchFixtures.GPU;
import static dev.scalebench.backend.djl.LibtorchFixtures.answers;
import static dev.scalebench.backend.djl.LibtorchFixtures.discover;
import static dev.scalebench.backend.djl.LibtorchFixtures.mustNotRun;
import static dev.scalebench.backend.djl.LibtorchFixtures.noTorch;
import static dev.scalebench.backend.djl.LibtorchFixtures.torchPackage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.djl.LibtorchFixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's libtorch line on fixture folders: fits, absent, and a JNI that does not match (both versions named). */
class DoctorTorchTest {

    @Test
    void withoutAGpuItIsFineAndNamesTheJni(@TempDir Path tmp) {
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of(), tmp, Optional.empty(), mustNotRun()));
        assertThat(c.ok()).isTrue();
        assertThat(c.required()).isFalse();
        assertThat(c.detail()).startsWith("no GPU seen").contains("pytorch-jni 2.7.1-0.35.1 (libtorch 2.7.1;"
                + " flavours cpu, cu128)");
    }

    @Test
    void aFoundLibtorchIsOk(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of(), tmp, GPU, answers("2.7.1+cu128", "12.8", torch)));
        assertThat(c.ok()).isTrue();
        assertThat(c.detail()).isEqualTo("found python3 torch 2.7.1+cu128 at " + torch.resolve("lib")
                + " (/dev/nvidia0 exists); it fits pytorch-jni 2.7.1-0.35.1 (libtorch 2.7.1; flavours cpu, cu128)");
    }

    @Test
    void aMismatchedTorchIsAProblemNamingBothVersionsAndTheFix(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.11.0+cu130", "13.0");
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of(), tmp.resolve("home"), GPU,
                answers("2.11.0+cu130", "13.0", torch)));
        assertThat(c.ok()).isFalse();
        assertThat(c.broken()).isTrue();
        assertThat(c.required()).as("a CPU sweep still runs").isFalse();
        assertThat(c.detail()).contains("libtorch 2.11.0+cu130").contains("pytorch-jni 2.7.1-0.35.1")
                .contains("built for libtorch 2.7.1");
        assertThat(c.fix()).contains("pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128")
                .contains("PYTORCH_VERSION=2.7.1").contains("PYTORCH_LIBRARY_PATH");
    }

    @Test
    void nothingFoundIsAbsentWithWhereItLooked(@TempDir Path tmp) {
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of(), tmp, GPU, noTorch()));
        assertThat(c.ok()).isFalse();
        assertThat(c.broken()).isFalse();
        assertThat(c.detail()).contains("python3 (no module named torch)").contains("DJL's cache");
        assertThat(c.fix()).startsWith("install the matching torch");
    }

    @Test
    void aHandSetLibtorchOfAnotherVersionIsAProblem(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.5.1+cu124", "12.4");
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of("PYTORCH_LIBRARY_PATH",
                torch.resolve("lib").toString(), "PYTORCH_FLAVOR", "cu124", "PYTORCH_VERSION", "2.5.1"), tmp, GPU,
                mustNotRun()));
        assertThat(c.broken()).isTrue();
        assertThat(c.detail()).startsWith("set by hand: PYTORCH_LIBRARY_PATH libtorch 2.5.1+cu124 at ")
                .contains("libtorch 2.5.1+cu124, but DJL 0.35.1's JNI").contains("built for libtorch 2.7.1");
        assertThat(c.fix()).contains("pip install torch==2.7.1").contains("or unset PYTORCH_LIBRARY_PATH");
    }

    @Test
    void aHandSetLibtorchWithTheWrongFlavourSaysWhichToSet(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        DoctorCommand.Check c = DoctorTorch.check(discover(Map.of("PYTORCH_LIBRARY_PATH",
                torch.resolve("lib").toString()), tmp, Optional.empty(), mustNotRun()));
        assertThat(c.broken()).isTrue();
        assertThat(c.detail()).endsWith("PYTORCH_FLAVOR is cpu, but this libtorch needs PYTORCH_FLAVOR=cu128");
        assertThat(c.fix()).startsWith("set PYTORCH_FLAVOR=cu128 and PYTORCH_VERSION=2.7.1");
    }

    @Test
    void doctorPrintsTheLine(@TempDir Path tmp) {
        Cli.Result r = Cli.run("doctor", "--profiles-dir", Cli.PROFILES.toString(), "--results-dir=" + tmp);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("ok +libtorch for DJL +");
        assertThat(LibtorchFixtures.JNI.version()).isEqualTo("2.7.1-0.35.1");
    }
}
