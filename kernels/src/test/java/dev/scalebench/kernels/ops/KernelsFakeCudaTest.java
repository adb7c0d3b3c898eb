package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.testing.FakeCuda;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole launch path without a GPU, through the fake driver ({@link FakeCuda}): every module loads (from its
 * PTX), every kernel launches with arguments the driver accepts (pointers inside live allocations, the decode
 * counters' memset inside the workspace, dynamic shared memory within what {@code cuFuncSetAttribute} allowed,
 * blocks within {@code __launch_bounds__}). Skipped without gcc or without built kernels.
 */
class KernelsFakeCudaTest {

    @Test
    void everyKernelLoadsAndLaunchesThroughTheDriver() {
        FakeCuda.require();
        for (String m : List.of("gemm", "softmax", "norm", "activation", "embedding", "attention", "rope", "init",
                "probes")) {
            Assumptions.assumeTrue(KernelsFakeCudaTest.class.getResource("/cuda/" + m + ".ptx") != null,
                    m + ".ptx is not on the class path: the kernels were built without nvcc");
        }
        FakeCuda.Result r = FakeCuda.run(List.of("-Xmx512m"), KernelsFakeMain.class,
                Map.of("FAKE_CUDA_VALUE_ARGS", "fill_normal:2,fill_ids:2")).requireSuccess();
        assertThat(r.value("ok")).isEqualTo("true");
        assertThat(r.stdout()).contains("report=gemm: PTX", "report=attention: PTX", "report=probes: PTX");

        Set<String> launched = r.launches().stream().map(FakeCuda.Launch::kernel).collect(Collectors.toSet());
        assertThat(launched).containsAll(Kernels.kernelModules().keySet())
                .contains("probe_copy_f32", "probe_triad_f32", "probe_fma_f32", "probe_mma_tf32");
        List<FakeCuda.Launch> gemms = r.launches().stream().filter(l -> l.kernel().equals("gemm_nt_bf16")).toList();
        FakeCuda.Launch gemm = gemms.get(0);
        assertThat(gemm.dynamicSharedBytes()).isEqualTo(98304);
        assertThat(gemm.grid().x()).isEqualTo(2 * 6);                      // ceil(140/128) · ceil(1376/256)
        assertThat(gemm.grid().y()).as("no split when the tiles fill the GPU").isEqualTo(1);
        assertThat(gemm.args().get(0)).startsWith("ptr:");
        assertThat(gemm.args().get(12)).as("no workspace without a split").isEqualTo("0");
        // 2 rows: 1 tile on 132 SMs, K = 688 gives 2 splits of at least 256, combined through the workspace
        FakeCuda.Launch decode = gemms.get(1);
        assertThat(r.value("gemm.splits.bf16")).isEqualTo("2");
        assertThat(decode.grid().y()).isEqualTo(2);
        assertThat(decode.args().get(12)).as("workspace").startsWith("ptr:");
        FakeCuda.Launch f32 = r.launches().stream().filter(l -> l.kernel().equals("gemm_nt_f32")).findFirst()
                .orElseThrow();
        assertThat(f32.dynamicSharedBytes()).isZero();
        assertThat(f32.grid().x()).isEqualTo(2 * 11);                      // ceil(140/128) · ceil(1376/128)
        FakeCuda.Launch fill = r.launches().stream().filter(l -> l.kernel().equals("fill_normal_bf16")).findFirst()
                .orElseThrow();
        assertThat(fill.args().get(2)).isEqualTo(Long.toUnsignedString(0x9E3779B97F4A7C15L));
        List<FakeCuda.Launch> decodes = r.launches().stream()
                .filter(l -> l.kernel().equals("attention_decode_bf16_d128")).toList();
        assertThat(decodes).hasSize(2);
        assertThat(decodes.get(0).grid().x()).as("context 600 split").isGreaterThan(1);
        assertThat(decodes.get(0).args().get(13)).as("workspace").startsWith("ptr:");
        assertThat(Long.parseLong(r.value("workspace.bf16.d128"))).isPositive();
        // a prompt of 70 tokens per sequence: one block per token, into cache positions 0..69
        FakeCuda.Launch prompt = r.launches().stream().filter(l -> l.kernel().equals("kv_append_bf16")
                && l.args().get(4).equals("70")).findFirst().orElseThrow();
        assertThat(prompt.grid().x()).isEqualTo(2 * 70);
        assertThat(prompt.args().get(9)).as("pos").isEqualTo("0");
        List<FakeCuda.Launch> ropes = r.launches().stream().filter(l -> l.kernel().equals("rope_bf16")).toList();
        assertThat(ropes).hasSize(2 * Kernels.HEAD_DIMS.length);
        assertThat(ropes.get(0).args().get(1)).as("the table").startsWith("ptr:");
        assertThat(ropes.get(0).args()).as("prefill: 70 tokens from position 0").containsSequence("70", "8", "2")
                .endsWith("0");
        assertThat(ropes.get(1).args().get(3)).as("decode: one token").isEqualTo("1");
        assertThat(ropes.get(1).args().get(8)).as("at the cache's last position").isEqualTo("599");
    }
}
