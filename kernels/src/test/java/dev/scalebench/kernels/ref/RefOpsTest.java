package dev.scalebench.kernels.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.kernels.ops.KernelDType;
import org.junit.jupiter.api.Test;

class RefOpsTest {
    private static final KernelDType F32 = KernelDType.F32;

    @Test
    void gemmSmallCaseByHandKeepsPaddingAndIgnoresCWhenBetaIsZero() {
        float[] a = {1, 2, 99, 3, 4, 99};             // [2,2], lda 3
        float[] b = {5, 6, 7, 8, -1, 0};              // [3,2], ldb 2
        float[] c = {Float.NaN, Float.NaN, Float.NaN, -5, Float.NaN, Float.NaN, Float.NaN, -5};  // ldc 4
        float[] got = RefGemm.nt(F32, a, b, c, 2, 3, 2, 3, 2, 4, 2f, 0f).values();
        assertThat(got).containsExactly(34, 46, -2, -5, 78, 106, -6, -5);
    }

    @Test
    void gemmWithBetaOneIsGemmPlusAdd() {
        int m = 5;
        int n = 7;
        int k = 16;
        for (KernelDType t : KernelDType.values()) {
            float[] a = RandomData.normal(t, m * k, 1, 1);
            float[] b = RandomData.normal(t, n * k, 2, 1);
            float[] c = RandomData.normal(t, m * n, 3, 1);
            float[] fused = RefGemm.nt(t, a, b, c, m, n, k, k, k, n, 0.5f, 1f).values();
            float[] product = RefGemm.nt(F32, a, b, new float[m * n], m, n, k, k, k, n, 0.5f, 0f).values();
            Expected sum = RefActivation.add(t, product, c);
            // the fused result rounds once, the sum twice (the product to fp32 first)
            Tolerance twice = new Tolerance(0, t == F32 ? 0x1p-24 : 2 * t.unitRoundoff(), 0x1p-24);
            Compare cmp = Compare.of(t.suffix(), fused, sum, twice);
            assertThat(cmp.passed()).as(cmp.toString()).isTrue();
        }
    }

    @Test
    void gemmScaleIsTheSumOfAbsoluteTerms() {
        Expected e = RefGemm.nt(F32, new float[] {1, -2}, new float[] {3, 4}, new float[] {10}, 1, 1, 2, 2, 2, 1,
                -1f, 0.5f);
        assertThat(e.values()[0]).isEqualTo(10f);    // -(3 - 8) + 5
        assertThat(e.scale()[0]).isEqualTo(16.0);    // 3 + 8 + 5
    }

    @Test
    void causalSoftmaxRuleMatchesAnExplicitMask() {
        int cols = 9;
        for (int causalQ : new int[] {1, 4, 9}) {
            int rows = 2 * causalQ;
            float[] x = RandomData.normal(F32, rows * cols, causalQ, 2);
            float[] masked = x.clone();
            for (int r = 0; r < rows; r++) {
                int queryPosition = cols - causalQ + r % causalQ;      // the block's queries are the last keys
                for (int j = queryPosition + 1; j < cols; j++) {
                    masked[r * cols + j] = Float.NEGATIVE_INFINITY;
                }
            }
            float[] want = RefSoftmax.rows(F32, masked, rows, cols, 0.7f, 0).values();
            float[] got = RefSoftmax.rows(F32, x, rows, cols, 0.7f, causalQ).values();
            assertThat(got).as("causal_q %d", causalQ).containsExactly(want);
        }
        assertThat(RefSoftmax.masked(0, 5, 9, 4)).isFalse();        // query 0 of 4 over 9 keys sees keys 0..5
        assertThat(RefSoftmax.masked(0, 6, 9, 4)).isTrue();
        assertThat(RefSoftmax.masked(4, 7, 9, 4)).isTrue();         // row 4 is query 0 again
        assertThat(RefSoftmax.masked(3, 8, 9, 4)).isFalse();
        assertThatThrownBy(() -> RefSoftmax.rows(F32, new float[6], 2, 3, 1f, 4)).hasMessageContaining("causal_q 4");
    }

    @Test
    void softmaxRowsSumToOneAndFollowTheDefinition() {
        float[] x = {0, (float) Math.log(3), 5, 5};
        float[] y = RefSoftmax.rows(F32, x, 2, 2, 1f, 0).values();
        assertThat(y).containsExactly(0.25f, 0.75f, 0.5f, 0.5f);
        float[] z = RefSoftmax.rows(F32, RandomData.normal(F32, 3 * 50, 9, 10), 3, 50, 0.1f, 0).values();
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int j = 0; j < 50; j++) {
                s += z[r * 50 + j];
            }
            assertThat(s).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void layerNormMatchesTorchValuesAndTheDefinition() {
        float[] x = {1, 2, 3, 4, Float.NaN, 2, 2, 2, 2, Float.NaN};       // ld_x 5: padding never read
        float[] ones = {1, 1, 1, 1};
        float[] y = RefNorm.layerNorm(F32, x, ones, null, 2, 4, 5, 1e-5f).values();
        // torch.nn.functional.layer_norm(torch.tensor([1., 2., 3., 4.]), (4,)), computed by hand (mean 2.5,
        // var 1.25, eps 1e-5) in double: ±1.3416354199689269, ±0.447211806656309
        assertThat(y[0]).isCloseTo(-1.3416354f, within(1e-6f));
        assertThat(y[1]).isCloseTo(-0.4472118f, within(1e-6f));
        assertThat(y[3]).isCloseTo(1.3416354f, within(1e-6f));
        assertThat(new float[] {y[4], y[5], y[6], y[7]}).containsOnly(0f);          // constant row
        float[] affine = RefNorm.layerNorm(F32, x, new float[] {0.5f, 1, 2, -1}, new float[] {0.1f, 0, -0.1f, 0.2f},
                1, 4, 5, 1e-5f).values();
        assertThat(affine).usingComparatorWithPrecision(1e-6f)
                .containsExactly(-0.57081771f, -0.44721181f, 0.79442361f, -1.14163542f);

        float[] r = RandomData.normal(F32, 3 * 64, 4, 3);
        for (int i = 0; i < r.length; i++) {
            r[i] += 10;
        }
        float[] n = RefNorm.layerNorm(F32, r, RandomData.filled(64, 1), null, 3, 64, 64, 0f).values();
        for (int row = 0; row < 3; row++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < 64; j++) {
                mean += n[row * 64 + j];
                sq += (double) n[row * 64 + j] * n[row * 64 + j];
            }
            assertThat(mean / 64).isCloseTo(0, within(1e-6));
            assertThat(sq / 64).as("biased variance 1").isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void rmsNormMatchesTheDefinition() {
        float[] y = RefNorm.rmsNorm(F32, new float[] {1, 2, 3, 4, 0, 0}, new float[] {1, 1, 1, 2}, 1, 4, 6, 1e-6f)
                .values();
        assertThat(y).usingComparatorWithPrecision(1e-6f)
                .containsExactly(0.36514835f, 0.73029669f, 1.09544504f, 2 * 1.46059339f);
    }

    @Test
    void geluAndErfKnownValues() {
        assertThat(RefActivation.gelu(1)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(RefActivation.gelu(-1)).isCloseTo(-0.15865525393145707, within(1e-15));
        assertThat(RefActivation.gelu(3)).isCloseTo(2.99595030590511, within(1e-14));
        assertThat(RefActivation.gelu(0)).isZero();
        assertThat(RefActivation.gelu(-4) / -1.2668496733247986e-4).isCloseTo(1, within(1e-12));
        assertThat(RefActivation.gelu(-10) / -7.619853024160593e-23).isCloseTo(1, within(1e-12));
        assertThat(RefActivation.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-16));
        assertThat(RefActivation.erf(2.9)).isCloseTo(0.9999589021219005, within(1e-16));
        assertThat(RefActivation.erf(-2.9)).isCloseTo(-0.9999589021219005, within(1e-16));
        assertThat(RefActivation.erfc(3.5) / 7.430983723414128e-07).isCloseTo(1, within(1e-13));
        assertThat(RefActivation.erfc(2.5) / 4.069520174449589e-4).isCloseTo(1, within(1e-13));
        assertThat(RefActivation.erfc(1.5) / 0.033894853524689274).isCloseTo(1, within(1e-13));
        assertThat(RefActivation.erfc(6) / 2.1519736712498916e-17).isCloseTo(1, within(1e-13));
        for (double x = -6; x <= 6; x += 0.37) {                       // tanh approximation is within 1e-3
            double tanh = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertThat(RefActivation.gelu(x)).as("x=%s", x).isCloseTo(tanh, within(1e-3));
        }
        float[] y = RefActivation.gelu(KernelDType.BF16, new float[] {1, -1}).values();
        assertThat(y).containsExactly(0.83984375f, -0.158203125f);   // bf16 nearest of 0.84134 and -0.15866
    }

    @Test
    void siluMulPairsGateAndUpHalves() {
        float[] gu = {1, 0, 2, 3, /* row 1 */ -1, 2, 0.5f, 4};          // rows 2, dff 2: [g0 g1 u0 u1]
        float[] y = RefActivation.siluMul(F32, gu, 2, 2).values();
        assertThat(y).usingComparatorWithPrecision(1e-6f)
                .containsExactly(1.46211716f, 0f, (float) (-1 / (1 + Math.E) * 0.5), (float) (2 / (1 + Math.exp(-2))
                        * 4));
    }

    @Test
    void embeddingGathersRows() {
        float[] table = {0, 1, 10, 11, 20, 21};
        assertThat(RefEmbedding.lookup(new int[] {2, 0, 2}, table, 2).values()).containsExactly(20, 21, 0, 1, 20, 21);
        assertThatThrownBy(() -> RefEmbedding.lookup(new int[] {3}, table, 2)).hasMessageContaining("ids[0] = 3");
    }
}
