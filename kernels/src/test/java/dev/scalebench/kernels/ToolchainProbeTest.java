package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code doctor} reports about the kernels in the jar and NVRTC. */
class ToolchainProbeTest {

    @TempDir
    Path tmp;

    @Test
    void builtKernelsListsPtxAndCubinsOfTheFolderInAJar() throws IOException {
        Path jar = tmp.resolve("k.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String n : new String[] {"cuda/", "cuda/gemm.sm_90.cubin", "cuda/gemm.ptx", "cuda/gemm.cu",
                "cuda/manifest.txt", "cuda/sub/x.ptx", "other/y.ptx"}) {
                out.putNextEntry(new JarEntry(n));
                out.write(n.getBytes());
                out.closeEntry();
            }
        }
        URL dir = new URL("jar:" + jar.toUri() + "!/cuda/");
        assertThat(CudaProbe.builtKernels(dir)).containsExactly("gemm.ptx", "gemm.sm_90.cubin");
        assertThat(CudaProbe.kernelBuildSkipped(dir)).as("manifest.txt is there").isFalse();
    }

    @Test
    void aBuildThatSkippedTheKernelsShipsTheSourcesWithoutTheManifest() throws IOException {
        Path cuda = Files.createDirectories(tmp.resolve("skipped/cuda"));
        for (String n : new String[] {"gemm.cu", "common.cuh"}) {
            Files.writeString(cuda.resolve(n), n);
        }
        assertThat(CudaProbe.kernelBuildSkipped(cuda.toUri().toURL())).isTrue();
        assertThat(CudaProbe.builtKernels(cuda.toUri().toURL())).isEmpty();
        // built without nvcc: build-kernels.sh wrote its manifest ("nvcc: none"), so the build did not skip them
        Files.writeString(cuda.resolve("manifest.txt"), "nvcc: none\n");
        assertThat(CudaProbe.kernelBuildSkipped(cuda.toUri().toURL())).isFalse();
        assertThat(CudaProbe.kernelBuildSkipped(null)).as("no kernels module at all").isFalse();
    }

    @Test
    void builtKernelsListsPtxAndCubinsOfAFolder() throws IOException {
        Path cuda = Files.createDirectories(tmp.resolve("cuda"));
        for (String n : new String[] {"a.ptx", "a.sm_80.cubin", "a.cu", "common.cuh"}) {
            try (OutputStream o = Files.newOutputStream(cuda.resolve(n))) {
                o.write(1);
            }
        }
        assertThat(CudaProbe.builtKernels(cuda.toUri().toURL())).containsExactly("a.ptx", "a.sm_80.cubin");
        assertThat(CudaProbe.builtKernels(null)).isEmpty();
        assertThat(CudaProbe.builtKernels()).allMatch(CudaProbe::isBuiltKernel);
    }

    @Test
    void aNativeLoadFailureIsCutToTheLineThatNamesTheMissingLibrary() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JNvrtc-12.6.0\"\n"
                + "Operating system name: Linux\n---(start of nested stack traces)---\n"
                + "java.lang.UnsatisfiedLinkError: no JNvrtc-12.6.0-linux-x86_64 in java.library.path: /usr/lib\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJNvrtc-12.6.0-linux-x86_64.so: libnvrtc.so.12: cannot open"
                + " shared object file: No such file or directory\n---(end of nested stack traces)---");
        assertThat(CudaProbe.linkError(e)).isEqualTo("/tmp/libJNvrtc-12.6.0-linux-x86_64.so: libnvrtc.so.12: cannot"
                + " open shared object file: No such file or directory");
        assertThat(CudaProbe.linkError(new UnsatisfiedLinkError("one\ntwo"))).isEqualTo("one");
        assertThat(CudaProbe.linkError(new NoClassDefFoundError("jcuda/nvrtc/JNvrtc")))
                .startsWith("it failed to load earlier in this process");
    }

    @Test
    void nvrtcSaysItsVersionOrWhyNotOnOneLine() {
        CudaProbe.Part p = CudaProbe.nvrtc();
        assertThat(p.detail()).isNotBlank().doesNotContain("\n");
        if (p.found()) {
            assertThat(p.detail()).startsWith("NVRTC 12.");
        } else {
            assertThat(p.detail()).startsWith("JCuda's libJNvrtc did not load: ");
            assertThat(p.fix()).contains("libnvrtc.so.12");
        }
    }
}
