package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.TestStreams;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * Argument checks run before any launch, so they are tested without a GPU: a bad argument is named, a good one
 * reaches the launcher (which refuses here, with "not loaded").
 */
class KernelsChecksTest {
    private static final KernelDType BF16 = KernelDType.BF16;
    private final Kernels k = Kernels.with(Launcher.driver(java.util.Map.of()), 132);
    private final CudaStream s = TestStreams.detached();
    private final CUdeviceptr p = new CUdeviceptr();
    private final CUdeviceptr odd = new CUdeviceptr().withByteOffset(2);

    @Test
    void gemmNamesTheBrokenRule() {
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, p, p, 16, 16, 30, 32, 32, 16, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gemm_nt_bf16: k = 30 must be a multiple of 8");
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, p, p, 16, 16, 32, 24, 32, 16, 1, 0))
                .hasMessage("gemm_nt_bf16: lda = 24 must be >= k = 32");
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, p, p, 16, 20, 32, 32, 32, 20, 1, 0))
                .hasMessage("gemm_nt_bf16: ldc = 20 must be a multiple of 8");
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, odd, p, 16, 16, 32, 32, 32, 16, 1, 0))
                .hasMessage("gemm_nt_bf16: b = 0x2 must be 16-byte aligned");
        assertThatThrownBy(() -> k.gemmNt(s, KernelDType.F32, p, p, p, 0, 16, 32, 32, 32, 16, 1, 0))
                .hasMessage("gemm_nt_f32: m = 0 must be > 0");
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, p, p, 16, 16, 32, 32, 32, 16, Float.NaN, 0))
                .hasMessageContaining("alpha = NaN must be finite");
        assertThatThrownBy(() -> k.gemmNt(s, BF16, p, p, p, 17, 33, 40, 40, 48, 40, 1, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gemm_nt_bf16 is not loaded");
    }

    @Test
    void rowKernelsCheckShapes() {
        assertThatThrownBy(() -> k.softmaxRows(s, BF16, p, p, 4, 10, 1f, 11))
                .hasMessage("softmax_rows_bf16: causalQ = 11 must be in [0, 11)");
        assertThatThrownBy(() -> k.layerNorm(s, BF16, p, p, null, p, 4, 64, 32, 1e-5f))
                .hasMessage("layernorm_bf16: ldX = 32 must be >= cols = 64");
        assertThatThrownBy(() -> k.rmsNorm(s, BF16, p, null, p, 4, 64, 64, 1e-5f))
                .hasMessage("rmsnorm_bf16: weight is null");
        assertThatThrownBy(() -> k.layerNorm(s, BF16, p, p, null, p, 4, 64, 64, -1f))
                .hasMessage("layernorm_bf16: eps = -1.0 must be >= 0");
        assertThatThrownBy(() -> k.layerNorm(s, BF16, odd, p, null, p, 4, 63, 63, 1e-5f))
                .isInstanceOf(IllegalStateException.class);   // no alignment rule for norms
        assertThatThrownBy(() -> k.softmaxRows(s, BF16, p, p, 4, 10, 1f, 10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void elementwiseAndEmbeddingChecks() {
        assertThatThrownBy(() -> k.gelu(s, BF16, p, p, 0)).hasMessage("gelu_bf16: n = 0 must be > 0");
        assertThatThrownBy(() -> k.add(s, BF16, p, null, p, 8)).hasMessage("add_bf16: b is null");
        assertThatThrownBy(() -> k.siluMul(s, BF16, p, p, 3, 0)).hasMessage("silu_mul_bf16: dff = 0 must be > 0");
        assertThatThrownBy(() -> k.embedding(s, BF16, odd, p, p, 3, 8))
                .hasMessage("embedding_bf16: ids = 0x2 must be 4-byte aligned");
        assertThatThrownBy(() -> k.fillIds(s, p, 10, 1, 0)).hasMessage("fill_ids: vocab = 0 must be > 0");
        assertThatThrownBy(() -> k.fillNormal(s, BF16, p, 10, 1, Float.POSITIVE_INFINITY))
                .hasMessageContaining("std = Infinity must be finite");
    }

    @Test
    void attentionChecksHeadDimsGroupsAndLayouts() {
        assertThatThrownBy(() -> k.attentionPrefill(s, BF16, p, p, 1, 16, 8, 3, 64, 896, 512, 0.1f, true))
                .hasMessage("attention_prefill_bf16_d64: kvHeads = 3 must divide heads = 8");
        assertThatThrownBy(() -> k.attentionPrefill(s, BF16, p, p, 1, 16, 8, 2, 48, 576, 384, 0.1f, true))
                .hasMessage("attention_prefill_bf16_d48: headDim = 48 must be one of [32, 64, 80, 96, 128]");
        assertThatThrownBy(() -> k.attentionPrefill(s, BF16, p, p, 1, 16, 8, 2, 64, 700, 512, 0.1f, true))
                .hasMessage("attention_prefill_bf16_d64: ldQkv = 700 must be >= (heads + 2·kvHeads)·headDim = 768");
        assertThatThrownBy(() -> k.attentionPrefill(s, BF16, p, p, 1, 16, 8, 2, 64, 768, 500, 0.1f, true))
                .hasMessage("attention_prefill_bf16_d64: ldO = 500 must be >= heads·headDim = 512");
        assertThatThrownBy(() -> k.attentionPrefill(s, BF16, p, p, 1, 16, 8, 2, 64, 772, 512, 0.1f, true))
                .hasMessage("attention_prefill_bf16_d64: ldQkv = 772 must be a multiple of 8");
        assertThatThrownBy(() -> k.kvAppend(s, BF16, p, p, p, 2, 8, 2, 64, 768, 10, 10))
                .hasMessage("kv_append_bf16: pos = 10 must be in [0, 10)");
        assertThatThrownBy(() -> k.kvAppend(s, BF16, p, p, p, 2, 7, 8, 2, 64, 768, 4, 10))
                .hasMessage("kv_append_bf16: pos + tokens = 11 must be <= cacheLen = 10");
        assertThatThrownBy(() -> k.rope(s, BF16, p, p, 16, 2, 10, 8, 2, 64, 768, 7))
                .hasMessage("rope_bf16: pos + tokens = 17 must be <= positions = 16");
        assertThatThrownBy(() -> k.rope(s, BF16, p, p, 16, 2, 1, 8, 2, 63, 768, 7))
                .hasMessage("rope_bf16: headDim = 63 must be a multiple of 2");
        assertThatThrownBy(() -> k.rope(s, BF16, p, odd, 16, 2, 1, 8, 2, 64, 768, 7))
                .hasMessage("rope_bf16: table = 0x2 must be 4-byte aligned");
        assertThatThrownBy(() -> k.biasAdd(s, BF16, p, p, 3, 768, 700))
                .hasMessage("bias_add_bf16: ldY = 700 must be >= cols = 768");
        assertThatThrownBy(() -> k.attentionDecode(s, BF16, p, p, p, p, null, 2, 8, 2, 64, 768, 512, 11, 10, 0.1f))
                .hasMessage("attention_decode_bf16_d64: ctx = 11 must be in [1, 11)");
        assertThatThrownBy(() -> k.attentionDecode(s, BF16, p, odd, p, p, null, 2, 8, 2, 64, 768, 512, 5, 10, 0.1f))
                .hasMessage("attention_decode_bf16_d64: kCache = 0x2 must be 16-byte aligned");
        assertThatThrownBy(() -> k.attentionDecode(s, BF16, p, p, p, p, null, 2, 8, 2, 80, 960, 640, 5, 10, 0.1f))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("attention_decode_bf16_d80");
    }

    @Test
    void rowThreadsKeepTheRowInRegistersUpTo16kElements() {
        assertThat(Kernels.rowThreads(1)).isEqualTo(128);
        assertThat(Kernels.rowThreads(2048)).isEqualTo(128);
        assertThat(Kernels.rowThreads(2049)).isEqualTo(160);
        assertThat(Kernels.rowThreads(16384)).isEqualTo(1024);
        assertThat(Kernels.rowThreads(1 << 20)).isEqualTo(1024);
        for (int cols = 1; cols < 20000; cols += 37) {
            int t = Kernels.rowThreads(cols);
            assertThat(t % 32).isZero();
            assertThat(cols <= 16 * 1024 ? 16L * t >= cols : t == 1024).as("cols %d", cols).isTrue();
        }
    }

    @Test
    void decodeWorkspaceBoundCoversEveryKvHeadCountAndShorterContexts() {
        for (KernelDType t : KernelDType.values()) {
            for (int batch : new int[] {1, 3, 16, 200}) {
                for (int heads : new int[] {1, 8, 12, 32, 64}) {
                    for (int maxCtx : new int[] {1, 63, 500, 4096, 100_000}) {
                        long bound = k.decodeWorkspaceBytes(t, batch, heads, 128, maxCtx);
                        for (int kv = 1; kv <= heads; kv++) {
                            if (heads % kv != 0) {
                                continue;
                            }
                            for (int ctx : new int[] {1, maxCtx / 2 + 1, maxCtx}) {
                                DecodePlan plan = DecodePlan.of(t, 132, batch, heads, kv, 128, ctx, true);
                                assertThat(plan.workspaceBytes()).as("%s b%d h%d kv%d ctx%d", t, batch, heads, kv, ctx)
                                        .isLessThanOrEqualTo(bound);
                                assertThat(plan.splits()).isBetween(1, DecodePlan.MAX_SPLITS);
                                assertThat(plan.counters()).isLessThanOrEqualTo(batch * heads);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void decodeSplitsOnlyWhenBlocksAreFewAndTheContextIsLong() {
        assertThat(DecodePlan.of(BF16, 132, 1, 32, 8, 128, 4096, true).splits()).isEqualTo(32);   // 8 blocks
        assertThat(DecodePlan.of(BF16, 132, 64, 32, 8, 128, 4096, true).splits()).isEqualTo(1);   // 512 blocks
        assertThat(DecodePlan.of(BF16, 132, 1, 32, 8, 128, 200, true).splits()).isEqualTo(2);     // 4 tiles
        assertThat(DecodePlan.of(BF16, 132, 1, 32, 8, 128, 4096, false).splits()).isEqualTo(1);   // no workspace
        DecodePlan gqa = DecodePlan.of(BF16, 132, 2, 32, 2, 64, 1000, true);                       // 16 per KV head
        assertThat(gqa.headGroups()).isEqualTo(2);
        assertThat(gqa.counters()).isEqualTo(2 * 2 * 2);
        assertThat(gqa.counterOffsetBytes()).isEqualTo(4L * 2 * 32 * gqa.splits() * 65);
        assertThat(k.decodeWorkspaceBytes(BF16, 256, 32, 128, 4096)).isZero();
    }
}
