package dev.scalebench.kernels.bench;

import static dev.scalebench.kernels.ops.KernelDType.BF16;
import static dev.scalebench.kernels.ops.KernelDType.F16;
import static dev.scalebench.kernels.ops.KernelDType.F32;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every FLOP and byte formula against counts worked out by hand, and the catalogue's costs against the formulas. */
class CostsTest {

    @Test
    void gemmCountsTwoFlopsPerTermAndEachMatrixOnce() {
        assertThat(Costs.gemmFlops(4096, 4096, 4096)).isEqualTo(137_438_953_472L);        // 2 · 2^36
        assertThat(Costs.gemmBytes(BF16, 4096, 4096, 4096)).isEqualTo(100_663_296L);      // 3 · 2^24 · 2
        assertThat(Costs.gemmBytes(F32, 4096, 4096, 4096)).isEqualTo(201_326_592L);
        assertThat(Costs.gemmFlops(16, 12288, 4096)).isEqualTo(1_610_612_736L);
        // A 16·4096 + B 12288·4096 + C 16·12288 = 65536 + 50331648 + 196608 elements, 2 bytes each
        assertThat(Costs.gemmBytes(BF16, 16, 12288, 4096)).isEqualTo(101_187_584L);
        assertThat(Costs.gemmFlops(3, 5, 7)).isEqualTo(210);
        assertThat(Costs.gemmBytes(F16, 3, 5, 7)).isEqualTo(2 * (21 + 35 + 15));
    }

    @Test
    void rowAndElementwiseOperationsReadAndWriteOnce() {
        assertThat(Costs.softmaxBytes(BF16, 16384, 4096)).isEqualTo(268_435_456L);       // 2 · 2^26 · 2
        assertThat(Costs.softmaxFlops(16384, 4096)).isEqualTo(335_544_320L);             // 5 · 2^26
        assertThat(Costs.softmaxBytes(F32, 4096, 1024)).isEqualTo(33_554_432L);
        assertThat(Costs.layerNormBytes(BF16, 16384, 4096)).isEqualTo(268_443_648L);     // + the 4096 weights
        assertThat(Costs.layerNormFlops(16384, 4096)).isEqualTo(402_653_184L);           // 6 · 2^26
        assertThat(Costs.geluBytes(F32, 1L << 26)).isEqualTo(536_870_912L);
        assertThat(Costs.geluFlops(1L << 26)).isEqualTo(335_544_320L);
        assertThat(Costs.siluMulBytes(BF16, 8192, 11008)).isEqualTo(541_065_216L);       // 3 · 8192 · 11008 · 2
        assertThat(Costs.siluMulFlops(8192, 11008)).isEqualTo(450_887_680L);
        assertThat(Costs.addBytes(F32, 1024)).isEqualTo(12_288L);
        assertThat(Costs.addFlops(1024)).isEqualTo(1024);
    }

    @Test
    void prefillCountsOnlyTheUnmaskedPairs() {
        // causal: 2048 · 2049 / 2 = 2098176 pairs per (sequence, head); 4 · 128 FLOPs each; 4 · 32 of them
        assertThat(Costs.prefillFlops(4, 2048, 32, 128, true)).isEqualTo(137_506_062_336L);
        assertThat(Costs.prefillFlops(4, 2048, 32, 128, false)).isEqualTo(274_877_906_944L); // 4·128·2048²·128
        assertThat(Costs.prefillFlops(1, 3, 1, 2, true)).isEqualTo(4 * 2 * 6);                // pairs 1 + 2 + 3
        // qkv 8192 rows of 96 heads · 128, o 8192 rows of 32 · 128, 2 bytes
        assertThat(Costs.prefillBytes(BF16, 4, 2048, 32, 32, 128)).isEqualTo(268_435_456L);
        assertThat(Costs.prefillBytes(BF16, 1, 10, 8, 2, 64)).isEqualTo(2L * 10 * 64 * (16 + 4));
    }

    @Test
    void decodeReadsBothCachesOverTheContext() {
        assertThat(Costs.decodeFlops(16, 4096, 32, 128)).isEqualTo(1_073_741_824L);      // 4 · 16 · 32 · 4096 · 128
        // K and V: 2 · 16 · 32 · 4096 · 128 = 536870912 elements; q and o: 2 · 16 · 32 · 128 = 131072
        assertThat(Costs.decodeBytes(BF16, 16, 4096, 32, 32, 128)).isEqualTo(1_074_003_968L);
        assertThat(Costs.decodeBytes(F32, 2, 100, 8, 2, 64)).isEqualTo(4L * (2 * 2 * 2 * 100 * 64 + 2 * 2 * 8 * 64));
    }

    @Test
    void theCatalogueHoldsIssue5sShapesWithTheirCosts() {
        Map<String, BenchCase> byName = BenchCases.all().stream()
                .collect(Collectors.toMap(BenchCase::toString, Function.identity()));
        assertThat(byName.get("gemm_nt bf16 M=4096,N=4096,K=4096 (square)").flops()).isEqualTo(137_438_953_472L);
        assertThat(byName.get("gemm_nt fp32 M=4096,N=4096,K=4096 (square)").bytes()).isEqualTo(201_326_592L);
        assertThat(byName.get("attention_prefill bf16 b=4,s=2048,h=32,kv=32,d=128,causal").flops())
                .isEqualTo(137_506_062_336L);
        assertThat(byName.get("attention_prefill bf16 b=4,s=2048,h=32,kv=32,d=64,causal").flops())
                .isEqualTo(68_753_031_168L);
        assertThat(byName.get("attention_decode bf16 b=16,ctx=4096,h=32,kv=32,d=128").bytes())
                .isEqualTo(1_074_003_968L);
        assertThat(byName.get("softmax_rows bf16 rows=16384,cols=4096").bytes()).isEqualTo(268_435_456L);
        assertThat(byName.get("layernorm bf16 rows=16384,cols=4096").bytes()).isEqualTo(268_443_648L);
        assertThat(byName.get("gelu bf16 n=67108864").bytes()).isEqualTo(268_435_456L);
        assertThat(byName.get("probe_copy fp32 n4=67108864").bytes()).isEqualTo(2_147_483_648L);
        assertThat(byName.get("probe_triad fp32 n4=67108864").bytes()).isEqualTo(3_221_225_472L);
        assertThat(byName.get("launch_gap fp32 n=1024").bytes()).isEqualTo(12_288L);
        assertThat(byName).hasSize(BenchCases.all().size());                // every (op, dtype, shape) is unique
        List<String> groups = BenchCases.all().stream().map(BenchCase::group).distinct().toList();
        assertThat(groups).isEqualTo(BenchCases.GROUPS);                     // run order = GROUPS order, none empty
    }

    @Test
    void bandwidthCasesDwarfTheL2AndTheSmallSoftmaxFitsInIt() {
        long l2 = 50L << 20;
        for (BenchCase c : BenchCases.all()) {
            if (List.of("softmax", "layernorm", "gelu", "silu_mul", "decode", "probes").contains(c.group())
                    && !c.shape().equals("rows=4096,cols=1024")) {
                assertThat(c.bytes()).as(c.toString()).isGreaterThanOrEqualTo(4 * l2);
            }
        }
        assertThat(BenchCases.softmax(BF16, 4096, 1024).bytes()).isLessThan(l2);
    }
}
