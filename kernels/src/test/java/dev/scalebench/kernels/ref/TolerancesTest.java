package dev.scalebench.kernels.ref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;
import org.junit.jupiter.api.Test;

/**
 * The tolerances are wide enough for kernels that do what the ABI says in fp32 (emulated here in Java {@code float},
 * summing in the worst order for rounding: sequentially) and narrow enough to catch the bugs kernels have: a lost
 * tile, an off-by-one mask, the wrong KV head.
 */
class TolerancesTest {

    /** fp32 GEMM as a kernel computes it: products, sequential fp32 sum, {@code alpha·acc + beta·c}, one rounding. */
    private static float[] gemmFp32(KernelDType t, float[] a, float[] b, float[] c, int m, int n, int k, float alpha,
                                    float beta, int kUsed) {
        float[] out = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int p = 0; p < kUsed; p++) {
                    acc += a[i * k + p] * b[j * k + p];
                }
                out[i * n + j] = HalfFloats.round(t, alpha * acc + (beta == 0 ? 0 : beta * c[i * n + j]));
            }
        }
        return out;
    }

    @Test
    void gemmBoundHoldsForFp32AccumulationAndCatchesALostKTile() {
        int m = 6;
        int n = 5;
        for (int k : new int[] {64, 4096}) {
            for (KernelDType t : KernelDType.values()) {
                float[] a = RandomData.normal(t, m * k, 1, 1);
                float[] b = RandomData.normal(t, n * k, 2, 1);
                float[] c = RandomData.normal(t, m * n, 3, 1);
                Expected want = RefGemm.nt(t, a, b, c, m, n, k, k, k, n, 0.7f, 1f);
                Compare ok = Compare.of(t + " k" + k, gemmFp32(t, a, b, c, m, n, k, 0.7f, 1f, k), want,
                        Tolerances.gemm(t, k));
                assertThat(ok.passed()).as(ok.toString()).isTrue();
                Compare lost = Compare.of(t + " k" + k, gemmFp32(t, a, b, c, m, n, k, 0.7f, 1f, k - 8), want,
                        Tolerances.gemm(t, k));
                assertThat(lost.passed()).as(lost.toString()).isFalse();
            }
        }
    }

    private static float[] softmaxFp32(KernelDType t, float[] x, int rows, int cols, float scale, int causalQ,
                                       int maskShift) {
        float[] y = new float[x.length];
        for (int r = 0; r < rows; r++) {
            int last = causalQ > 0 ? r % causalQ + cols - causalQ + maskShift : cols - 1;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j <= last; j++) {
                max = Math.max(max, scale * x[r * cols + j]);
            }
            float sum = 0;
            for (int j = 0; j <= last; j++) {
                sum += (float) Math.exp(scale * x[r * cols + j] - max);
            }
            for (int j = 0; j <= last; j++) {
                y[r * cols + j] = HalfFloats.round(t, (float) Math.exp(scale * x[r * cols + j] - max) / sum);
            }
        }
        return y;
    }

    @Test
    void softmaxBoundHoldsForFp32AndCatchesAnOffByOneMask() {
        int cols = 2048;
        int q = 4;
        for (KernelDType t : KernelDType.values()) {
            float[] x = RandomData.normal(t, q * cols, 4, 3);
            Expected want = RefSoftmax.rows(t, x, q, cols, 0.5f, q);
            Compare ok = Compare.of(t.suffix(), softmaxFp32(t, x, q, cols, 0.5f, q, 0), want,
                    Tolerances.softmax(t, cols));
            assertThat(ok.passed()).as(ok.toString()).isTrue();
            Compare off = Compare.of(t.suffix(), softmaxFp32(t, x, q, cols, 0.5f, q, -1), want,
                    Tolerances.softmax(t, cols));
            assertThat(off.passed()).as(off.toString()).isFalse();
        }
    }

    /**
     * One decode query per head over {@code ctx} cached keys, flash-style in fp32 with tiles of 64 and the weights
     * rounded to {@code t} before {@code P·V}; {@code group} is how query heads map to KV heads (the bug: modulo).
     */
    private static float[] decodeFp32(KernelDType t, float[] qkv, float[] kc, float[] vc, AttentionShape sh, int ctx,
                                      float scale, boolean moduloBug) {
        int dim = sh.headDim();
        float[] o = new float[sh.heads() * dim];
        for (int h = 0; h < sh.heads(); h++) {
            int g = moduloBug ? h % sh.kvHeads() : sh.kvHead(h);
            float max = Float.NEGATIVE_INFINITY;
            float sum = 0;
            float[] acc = new float[dim];
            for (int j0 = 0; j0 < ctx; j0 += 64) {
                int j1 = Math.min(ctx, j0 + 64);
                float[] s = new float[j1 - j0];
                float tileMax = Float.NEGATIVE_INFINITY;
                for (int j = j0; j < j1; j++) {
                    float dot = 0;
                    for (int d = 0; d < dim; d++) {
                        dot += qkv[sh.qOffset(h) + d] * kc[(g * ctx + j) * dim + d];
                    }
                    s[j - j0] = dot * scale;
                    tileMax = Math.max(tileMax, s[j - j0]);
                }
                float newMax = Math.max(max, tileMax);
                float rescale = (float) Math.exp(max - newMax);
                sum *= rescale;
                for (int d = 0; d < dim; d++) {
                    acc[d] *= rescale;
                }
                for (int j = j0; j < j1; j++) {
                    float p = (float) Math.exp(s[j - j0] - newMax);
                    sum += p;
                    float pr = HalfFloats.round(t, p);
                    for (int d = 0; d < dim; d++) {
                        acc[d] += pr * vc[(g * ctx + j) * dim + d];
                    }
                }
                max = newMax;
            }
            for (int d = 0; d < dim; d++) {
                o[h * dim + d] = HalfFloats.round(t, acc[d] / sum);
            }
        }
        return o;
    }

    @Test
    void attentionBoundHoldsForFlashInFp32AndCatchesTheWrongKvHead() {
        int ctx = 1000;
        for (int dim : new int[] {64, 128}) {
            AttentionShape sh = AttentionShape.dense(1, 8, 2, dim);
            float scale = (float) (1 / Math.sqrt(dim));
            for (KernelDType t : KernelDType.values()) {
                float[] qkv = RandomData.normal(t, sh.ldQkv(), 5, 1);
                float[] kc = RandomData.normal(t, 2 * ctx * dim, 6, 1);
                float[] vc = RandomData.normal(t, 2 * ctx * dim, 7, 1);
                Expected want = RefAttention.decode(t, qkv, kc, vc, new float[sh.ldO()], sh, ctx, ctx, scale);
                Tolerance tol = Tolerances.attention(t, ctx, dim);
                Compare ok = Compare.of(t + " d" + dim, decodeFp32(t, qkv, kc, vc, sh, ctx, scale, false), want, tol);
                assertThat(ok.passed()).as(ok.toString()).isTrue();
                Compare bug = Compare.of(t + " d" + dim, decodeFp32(t, qkv, kc, vc, sh, ctx, scale, true), want, tol);
                assertThat(bug.passed()).as(bug.toString()).isFalse();
            }
        }
    }

    @Test
    void compareReportsTheWorstElementAndCountsFailures() {
        Expected want = new Expected(new float[] {1, 2, 4, 0}, new double[] {1, 2, 4, 0});
        Tolerance tol = new Tolerance(0, 0.01, 0);
        Compare c = Compare.of("x", new float[] {1.005f, 2, 4.1f, Float.NaN}, want, tol);
        assertThat(c.failures()).isEqualTo(2);
        assertThat(c.worstIndex()).isEqualTo(3);
        assertThat(c.toString()).contains("2 beyond").contains("max rel err");
        Compare fine = Compare.of("x", new float[] {1.005f, 2, 4.02f, 0}, want, tol);
        assertThat(fine.passed()).as(fine.toString()).isTrue();
        assertThat(fine.worstRatio()).isBetween(0.49, 0.51);
        assertThat(fine.worstIndex()).isEqualTo(0);
    }

    @Test
    void boundsShrinkWithPrecision() {
        assertThat(Tolerances.gemm(KernelDType.BF16, 64).rel()).isGreaterThan(Tolerances.gemm(KernelDType.F16, 64).rel());
        assertThat(Tolerances.gemm(KernelDType.F16, 64).rel()).isGreaterThan(Tolerances.gemm(KernelDType.F32, 64).rel());
        assertThat(Tolerances.gemm(KernelDType.F32, 4096).relScale())
                .isGreaterThan(Tolerances.gemm(KernelDType.F32, 64).relScale());
        assertThat(Tolerances.embedding(KernelDType.BF16)).isEqualTo(Tolerance.EXACT);
    }
}
