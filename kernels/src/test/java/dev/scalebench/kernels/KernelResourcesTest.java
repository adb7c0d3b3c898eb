package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code build-kernels.sh} put on the class path: the sources for NVRTC always, and with nvcc the PTX and cubins
 * of every source, whose PTX defines exactly the kernels of the ABI in docs/kernels.md.
 */
class KernelResourcesTest {
    private static final List<String> SOURCES =
            List.of("activation", "attention", "embedding", "gemm", "norm", "probes", "rope", "softmax");
    private static final List<String> DTYPES = List.of("f32", "f16", "bf16");
    private static final int[] HEAD_DIMS = {32, 64, 80, 96, 128};

    private static String manifest;

    @BeforeAll
    static void readManifest() throws IOException {
        manifest = read("manifest.txt");
    }

    private static String read(String name) throws IOException {
        try (InputStream in = KernelResourcesTest.class.getResourceAsStream("/cuda/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assumeBuilt() {
        Assumptions.assumeTrue(manifest != null,
                "no cuda/manifest.txt on the class path: the kernel build was skipped (-Dkernels.skip=true)");
    }

    private static boolean compiled() {
        return manifest != null && !manifest.contains("nvcc: none");
    }

    @Test
    void sourcesAndHeaderShipForNvrtc() throws IOException {
        assumeBuilt();
        for (String s : SOURCES) {
            assertThat(read(s + ".cu")).as(s + ".cu").contains("#include \"common.cuh\"");
        }
        assertThat(read("common.cuh")).doesNotContain("#include <");
    }

    @Test
    void manifestListsOnlyFilesThatExist() throws IOException {
        assumeBuilt();
        List<String> files = files();
        assertThat(files).contains("common.cuh", "gemm.cu");
        for (String f : files) {
            try (InputStream in = KernelResourcesTest.class.getResourceAsStream("/cuda/" + f)) {
                assertThat(in).as(f).isNotNull();
            }
        }
        assertThat(manifest).containsPattern("(?m)^nvcc: \\S").containsPattern("(?m)^flags: \\S");
    }

    @Test
    void withNvccEverySourceHasPtxAndBothCubins() {
        assumeBuilt();
        Assumptions.assumeTrue(compiled(), "built without nvcc: only the sources ship");
        for (String s : SOURCES) {
            assertThat(files()).as(s).contains(s + ".ptx", s + ".sm_80.cubin", s + ".sm_90.cubin");
        }
        assertThat(manifest).contains("ptx: compute_80").contains("cubin: sm_80 sm_90").doesNotContain("use_fast_math");
    }

    @Test
    void ptxDefinesExactlyTheAbiKernels() throws IOException {
        assumeBuilt();
        Assumptions.assumeTrue(compiled(), "built without nvcc: no PTX to inspect");
        List<String> expected = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String dt : DTYPES) {
            expected.addAll(List.of("gemm_nt_" + dt, "softmax_rows_" + dt, "layernorm_" + dt, "rmsnorm_" + dt,
                    "gelu_" + dt, "silu_mul_" + dt, "add_" + dt, "bias_add_" + dt, "embedding_" + dt, "kv_append_" + dt,
                    "rope_" + dt));
            for (int d : HEAD_DIMS) {
                expected.add("attention_prefill_" + dt + "_d" + d);
                expected.add("attention_decode_" + dt + "_d" + d);
            }
        }
        expected.addAll(List.of("probe_copy_f32", "probe_triad_f32", "probe_fma_f32", "probe_mma_f16",
                "probe_mma_bf16", "probe_mma_tf32"));
        for (String s : SOURCES) {
            read(s + ".ptx").lines().filter(l -> l.startsWith(".visible .entry "))
                    .map(l -> l.substring(".visible .entry ".length()).replaceAll("\\(.*", "").strip())
                    .forEach(found::add);
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> files() {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : manifest.lines().toList()) {
            if (in && !line.isBlank()) {
                out.add(line.strip());
            }
            in |= line.equals("files:");
        }
        return out;
    }
}
