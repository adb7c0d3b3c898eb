package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.LibtorchFixtures.GPU;
import static dev.scalebench.backend.djl.LibtorchFixtures.JNI;
import static dev.scalebench.backend.djl.LibtorchFixtures.answers;
import static dev.scalebench.backend.djl.LibtorchFixtures.cacheFolder;
import static dev.scalebench.backend.djl.LibtorchFixtures.discover;
import static dev.scalebench.backend.djl.LibtorchFixtures.mustNotRun;
import static dev.scalebench.backend.djl.LibtorchFixtures.noTorch;
import static dev.scalebench.backend.djl.LibtorchFixtures.torchPackage;
import static dev.scalebench.backend.djl.LibtorchFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.backend.djl.Libtorch.Source;
import dev.scalebench.backend.djl.LibtorchChoice.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery on fixture folders: python torch (CUDA and CPU-only), DJL's cache, nothing, settings already made. */
class LibtorchDiscoveryTest {

    @Test
    void aCudaTorchOfPython3IsChosenWithItsFlavourAndVersion(@TempDir Path tmp) {
        Path torch = torchPackage(tmp.resolve("site-packages"), "2.7.1+cu128", "12.8");
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU, answers("2.7.1+cu128", "12.8", torch));

        assertThat(c.outcome()).isEqualTo(Outcome.FOUND);
        Libtorch l = c.chosen().orElseThrow();
        assertThat(l.source()).isEqualTo(Source.PYTHON);
        assertThat(l.settings()).containsExactly(Map.entry("PYTORCH_LIBRARY_PATH", torch.resolve("lib").toString()),
                Map.entry("PYTORCH_FLAVOR", "cu128"), Map.entry("PYTORCH_VERSION", "2.7.1"));
        assertThat(c.fact()).contains("python3 torch 2.7.1+cu128 at " + torch.resolve("lib"));
        assertThat(c.line().orElseThrow()).startsWith("scalebench: a GPU (/dev/nvidia0 exists) and no PYTORCH_LIBRARY_PATH:"
                + " DJL loads python3 torch 2.7.1+cu128 at " + torch.resolve("lib"))
                .contains("(PYTORCH_FLAVOR=cu128, PYTORCH_VERSION=2.7.1)").contains("PYTORCH_FLAVOR=cpu");
        assertThat(c.looked()).containsExactly("python3 (torch 2.7.1+cu128 at " + torch + ")",
                "DJL's cache " + tmp.resolve("home/.djl.ai/pytorch") + " (no CUDA libtorch)");
    }

    @Test
    void anotherCuda12BuildOfTheSameVersionGetsTheBundledCu128Jni(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu126", "12.6");
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU, answers("2.7.1+cu126", "12.6", torch));

        Libtorch l = c.chosen().orElseThrow();
        assertThat(l.builtFlavour()).isEqualTo("cu126");
        assertThat(l.jniFlavour()).isEqualTo("cu128");
        assertThat(l.describe()).endsWith("(DJL's cu128 JNI)");
    }

    @Test
    void aCpuOnlyTorchIsPassedOverForDjlsCache(@TempDir Path tmp) {
        Path torch = torchPackage(tmp.resolve("py"), "2.7.1+cpu", null);
        Path home = tmp.resolve("home");
        Path cached = cacheFolder(home, "2.7.1-cu128-linux-x86_64");
        LibtorchChoice c = discover(Map.of(), home, GPU, answers("2.7.1+cpu", null, torch));

        assertThat(c.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(c.chosen().orElseThrow().source()).isEqualTo(Source.DJL_CACHE);
        assertThat(c.chosen().orElseThrow().settings()).containsEntry("PYTORCH_LIBRARY_PATH", cached.toString())
                .containsEntry("PYTORCH_FLAVOR", "cu128").containsEntry("PYTORCH_VERSION", "2.7.1");
        assertThat(c.rejected()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Source.PYTHON);
            assertThat(r.problem()).isEqualTo("a CPU-only build (no CUDA)");
        });
    }

    @Test
    void ofSeveralCachedVersionsTheNewestTheJniFitsIsChosen(@TempDir Path tmp) {
        Path home = tmp.resolve("home");
        cacheFolder(home, "2.5.1-cu124-linux-x86_64");
        cacheFolder(home, "2.7.1-cu118-linux-x86_64");
        cacheFolder(home, "2.7.1-cu126-linux-x86_64");
        Path best = cacheFolder(home, "2.7.1-cu128-linux-x86_64");
        cacheFolder(home, "2.9.0-cu128-linux-x86_64");
        cacheFolder(home, "2.10.0-cu130-linux-x86_64");
        cacheFolder(home, "2.7.1-cu128-linux-aarch64"); // another platform: not looked at
        cacheFolder(home, "2.7.1-20250812-cpu-linux-x86_64"); // the bundled CPU libtorch, extracted
        write(home.resolve(".djl.ai/pytorch/2.6.0-cu124-linux-x86_64/0.35.1-libdjl_torch.so"), ""); // a JNI only

        LibtorchChoice c = discover(Map.of(), home, GPU, noTorch());

        assertThat(c.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(c.chosen().orElseThrow().lib()).isEqualTo(best);
        assertThat(c.rejected()).extracting(Libtorch::version).containsExactly("2.10.0", "2.9.0", "2.7.1", "2.5.1");
        assertThat(c.rejected().get(0).problem()).isEqualTo("libtorch 2.10.0, but DJL 0.35.1's JNI (pytorch-jni"
                + " 2.7.1-0.35.1 (libtorch 2.7.1; flavours cpu, cu128)) is built for libtorch 2.7.1");
        assertThat(c.rejected().get(2).problem()).startsWith("no DJL JNI for flavour cu118");
        assertThat(c.looked()).contains("python3 (no module named torch)",
                "DJL's cache " + home.resolve(".djl.ai/pytorch") + " (6 CUDA libtorch folder(s))");
    }

    @Test
    void aCachedVersionWithItsOwnCachedJniIsUsable(@TempDir Path tmp) {
        Path home = tmp.resolve("home");
        Path old = cacheFolder(home, "2.5.1-cu124-linux-x86_64");
        write(old.resolve("0.35.1-" + System.mapLibraryName("djl_torch")), ""); // an earlier online run left it

        LibtorchChoice c = discover(Map.of(), home, GPU, noTorch());

        assertThat(c.chosen().orElseThrow().settings()).containsEntry("PYTORCH_FLAVOR", "cu124")
                .containsEntry("PYTORCH_VERSION", "2.5.1");
    }

    @Test
    void nothingFoundSaysWhereItLookedAndTheFix(@TempDir Path tmp) {
        LibtorchChoice c = discover(Map.of(), tmp, GPU, () -> {
            throw new IOException("no python3 on the PATH");
        });

        assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(c.chosen()).isEmpty();
        assertThat(c.line().orElseThrow()).contains("a GPU (/dev/nvidia0 exists) but no CUDA libtorch")
                .contains("looked at python3 (no python3 on the PATH), DJL's cache " + tmp.resolve(".djl.ai/pytorch")
                        + " (no CUDA libtorch)")
                .contains("the djl backend runs on the CPU")
                .contains("fix: install the matching torch (pip install torch==2.7.1 --index-url"
                        + " https://download.pytorch.org/whl/cu128), or set PYTORCH_LIBRARY_PATH (with"
                        + " PYTORCH_FLAVOR=cu128 and PYTORCH_VERSION=2.7.1) to a CUDA libtorch 2.7.1");
        assertThat(c.fact().orElseThrow()).startsWith("none: no CUDA libtorch in python3 (no python3 on the PATH)");
    }

    @Test
    void aTorchOfAnotherVersionIsRejectedNamingBothVersions(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.11.0+cu130", "13.0");
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU, answers("2.11.0+cu130", "13.0", torch));

        assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(c.fact().orElseThrow()).isEqualTo("none: python3 torch 2.11.0+cu130 at " + torch.resolve("lib")
                + ": libtorch 2.11.0+cu130, but DJL 0.35.1's JNI (pytorch-jni 2.7.1-0.35.1 (libtorch 2.7.1; flavours"
                + " cpu, cu128)) is built for libtorch 2.7.1");
        assertThat(c.line().orElseThrow()).contains("not usable: python3 torch 2.11.0+cu130");
    }

    @Test
    void aCudaTorchWithoutItsCudaLibrariesIsRejected(@TempDir Path tmp) throws IOException {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        Files.delete(torch.resolve("lib").resolve(System.mapLibraryName("c10_cuda")));
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU, answers("2.7.1+cu128", "12.8", torch));

        assertThat(c.rejected().get(0).problem()).isEqualTo("a CUDA build without "
                + System.mapLibraryName("c10_cuda") + " in " + torch.resolve("lib"));
    }

    @Test
    void withoutAGpuNothingIsLookedAtNotEvenPython(@TempDir Path tmp) {
        cacheFolder(tmp, "2.7.1-cu128-linux-x86_64");
        LibtorchChoice c = new LibtorchDiscovery(Map.of(), k -> null, tmp, Optional.empty(), mustNotRun(),
                () -> {
                    throw new AssertionError("the JNI was read (it opens every jar)");
                }).discover();

        assertThat(c.outcome()).isEqualTo(Outcome.NO_GPU);
        assertThat(c.line()).isEmpty();
        assertThat(c.fact()).as("the CPU fingerprint is unchanged").isEmpty();
        assertThat(c.looked()).isEmpty();
        assertThat(c.jni()).isEmpty();
    }

    @Test
    void aLibraryPathSetByHandIsNotSearchedOnlyChecked(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        String lib = torch.resolve("lib").toString();
        LibtorchChoice c = discover(Map.of("PYTORCH_LIBRARY_PATH", lib, "PYTORCH_FLAVOR", "cu128"), tmp, GPU,
                mustNotRun());

        assertThat(c.outcome()).isEqualTo(Outcome.SET_BY_HAND);
        assertThat(c.fact()).contains("off: PYTORCH_LIBRARY_PATH is set");
        assertThat(c.line()).as("the user chose: nothing on stderr").isEmpty();
        assertThat(c.chosen().orElseThrow().usable()).isTrue();
        assertThat(c.chosen().orElseThrow().version()).isEqualTo("2.7.1+cu128");

        LibtorchChoice noFlavour = new LibtorchDiscovery(Map.of(), k -> k.equals("PYTORCH_LIBRARY_PATH") ? lib : null,
                tmp, Optional.empty(), mustNotRun(), JNI).discover();
        assertThat(noFlavour.outcome()).as("a system property counts as set").isEqualTo(Outcome.SET_BY_HAND);
        assertThat(noFlavour.chosen().orElseThrow().problem())
                .isEqualTo("PYTORCH_FLAVOR is cpu, but this libtorch needs PYTORCH_FLAVOR=cu128");
    }

    @Test
    void aHandSetLibtorchArchiveIsReadFromItsBuildVersion(@TempDir Path tmp) {
        Path lib = tmp.resolve("libtorch/lib");
        LibtorchFixtures.libs(lib, true);
        write(tmp.resolve("libtorch/build-version"), "2.9.0+cu128\n");
        LibtorchChoice c = discover(Map.of("PYTORCH_LIBRARY_PATH", "/nowhere:" + lib, "PYTORCH_FLAVOR", "cu128"), tmp,
                GPU, mustNotRun());

        Libtorch l = c.chosen().orElseThrow();
        assertThat(l.lib()).as("the entry that holds libtorch.so, as DJL picks it").isEqualTo(lib);
        assertThat(l.problem()).contains("libtorch 2.9.0+cu128, but DJL 0.35.1's JNI")
                .contains("built for libtorch 2.7.1");
    }

    @Test
    void aHandSetFolderThatStatesNoVersionIsTakenAtThePytorchVersionSet(@TempDir Path tmp) {
        Path lib = tmp.resolve("extracted");
        LibtorchFixtures.libs(lib, false);
        LibtorchChoice c = discover(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(), "PYTORCH_VERSION", "2.7.1",
                "PYTORCH_FLAVOR", "cpu"), tmp, Optional.empty(), mustNotRun());
        assertThat(c.chosen().orElseThrow().problem()).isEmpty();
        assertThat(c.chosen().orElseThrow().jniFlavour()).isEqualTo("cpu");

        LibtorchChoice unknown = discover(Map.of("PYTORCH_LIBRARY_PATH", lib.toString()), tmp, Optional.empty(),
                mustNotRun());
        assertThat(unknown.chosen().orElseThrow().problem()).startsWith("its version is unknown (no ../version.py or"
                + " ../build-version beside " + lib + ")");
    }

    @Test
    void pytorchFlavorCpuTurnsDiscoveryOff(@TempDir Path tmp) {
        LibtorchChoice c = discover(Map.of("PYTORCH_FLAVOR", "cpu"), tmp, GPU, mustNotRun());
        assertThat(c.outcome()).isEqualTo(Outcome.CPU_CHOSEN);
        assertThat(c.fact()).contains("off: PYTORCH_FLAVOR=cpu is set");
    }

    @Test
    void aVersionOrFlavourSetByHandMustBeMet(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        LibtorchChoice c = discover(Map.of("PYTORCH_VERSION", "2.5.1"), tmp.resolve("home"), GPU,
                answers("2.7.1+cu128", "12.8", torch));
        assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(c.rejected().get(0).problem()).isEqualTo("PYTORCH_VERSION=2.5.1 is set");

        LibtorchChoice f = discover(Map.of("PYTORCH_FLAVOR", "cu124"), tmp.resolve("home"), GPU,
                answers("2.7.1+cu128", "12.8", torch));
        assertThat(f.rejected().get(0).problem()).isEqualTo("PYTORCH_FLAVOR=cu124 is set, its JNI flavour is cu128");
    }

    @Test
    void djlsCacheFolderFollowsEngineCacheDirThenDjlCacheDir(@TempDir Path tmp) {
        Path home = tmp.resolve("home");
        assertThat(new LibtorchDiscovery(Map.of(), k -> null, home, GPU, noTorch(), JNI).engineCache())
                .isEqualTo(home.resolve(".djl.ai/pytorch"));
        assertThat(new LibtorchDiscovery(Map.of("DJL_CACHE_DIR", "/d"), k -> null, home, GPU, noTorch(), JNI)
                .engineCache()).isEqualTo(Path.of("/d/pytorch"));
        assertThat(new LibtorchDiscovery(Map.of("DJL_CACHE_DIR", "/d"), k -> k.equals("ENGINE_CACHE_DIR") ? "/e" : null,
                home, GPU, noTorch(), JNI).engineCache()).isEqualTo(Path.of("/e/pytorch"));
    }

    @Test
    void theProbesAnswerMayFollowWarningsAndHoldSpaces(@TempDir Path tmp) {
        Path torch = torchPackage(tmp.resolve("my envs"), "2.7.1+cu128", "12.8");
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU,
                () -> "UserWarning: something\n2.7.1+cu128 12.8 " + torch + "\n\n");
        assertThat(c.chosen().orElseThrow().lib()).isEqualTo(torch.resolve("lib"));

        LibtorchChoice odd = discover(Map.of(), tmp.resolve("home"), GPU, () -> "hello");
        assertThat(odd.looked().get(0)).isEqualTo("python3 (unexpected answer 'hello')");
    }

    @Test
    void theRealProbeReadsATorchPackagesVersionWithoutImportingIt(@TempDir Path tmp) throws IOException {
        assumeTrue(hasPython3(), "no python3 on the PATH");
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        write(torch.resolve("__init__.py"), "raise RuntimeError('imported')\n");
        String out = Python3Probe.run(Map.of("PYTHONPATH", tmp.toString()));
        assertThat(out.strip()).isEqualTo("2.7.1+cu128 12.8 " + torch);

        try {
            String found = Python3Probe.run(Map.of("PYTHONPATH", tmp.resolve("empty").toString()));
            assertThat(found).as("this machine's python3 has a torch of its own").isNotBlank();
        } catch (IOException e) {
            assertThat(e).hasMessage("no module named torch");
        }
    }

    @Test
    void aFoundLibtorchIsSetAsSystemPropertiesWhereNothingIsSetAndSaidOnce(@TempDir Path tmp) {
        Path torch = torchPackage(tmp, "2.7.1+cu128", "12.8");
        LibtorchChoice c = discover(Map.of(), tmp.resolve("home"), GPU, answers("2.7.1+cu128", "12.8", torch));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("PYTORCH_VERSION", "");
        java.util.List<String> err = new java.util.ArrayList<>();

        LibtorchDiscovery.apply(c, Map.of("PYTORCH_FLAVOR", "cu128"), props, err::add);

        assertThat(props).containsEntry("PYTORCH_LIBRARY_PATH", torch.resolve("lib").toString())
                .containsEntry("PYTORCH_VERSION", "2.7.1").doesNotContainKey("PYTORCH_FLAVOR");
        assertThat(err).singleElement().isEqualTo(c.line().orElseThrow());

        java.util.Properties untouched = new java.util.Properties();
        java.util.List<String> quiet = new java.util.ArrayList<>();
        LibtorchDiscovery.apply(discover(Map.of(), tmp, Optional.empty(), mustNotRun()), Map.of(), untouched,
                quiet::add);
        assertThat(untouched).isEmpty();
        assertThat(quiet).isEmpty();
    }

    @Test
    void gpuEvidenceIsTheFirstFileThatExists(@TempDir Path tmp) throws IOException {
        Path version = Files.createFile(tmp.resolve("version"));
        assertThat(LibtorchDiscovery.gpuEvidence(tmp.resolve("nope").toString(), version.toString()))
                .contains(version + " exists");
        assertThat(LibtorchDiscovery.gpuEvidence(tmp.resolve("nope").toString())).isEmpty();
    }

    @Test
    void theJniOnTheClassPathIsDjlsOwn() {
        TorchJni jni = TorchJni.fromClassPath();
        assertThat(jni.djlVersion()).isEqualTo(ai.djl.engine.Engine.getDjlVersion());
        assertThat(jni.torchVersion()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(jni.version()).isEqualTo(jni.torchVersion() + "-" + jni.djlVersion());
        assertThat(jni.bundledFlavours()).contains("cpu");
    }

    private static boolean hasPython3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
