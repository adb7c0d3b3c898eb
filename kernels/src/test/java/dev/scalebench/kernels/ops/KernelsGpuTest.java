package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ref.Expected;
import dev.scalebench.kernels.ref.RandomData;
import dev.scalebench.kernels.ref.RefActivation;
import dev.scalebench.kernels.ref.RefEmbedding;
import dev.scalebench.kernels.ref.RefGemm;
import dev.scalebench.kernels.ref.RefNorm;
import dev.scalebench.kernels.ref.RefSoftmax;
import dev.scalebench.kernels.ref.Tolerance;
import dev.scalebench.kernels.ref.Tolerances;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every non-attention kernel × type × shapes with edges, against the Java references under {@link Tolerances}. */
@Tag("gpu")
class KernelsGpuTest extends GpuFixture {

    private static int ld(int cols, int pad) {
        return (cols + 7) / 8 * 8 + pad;
    }

    static Stream<Arguments> gemmCases() {
        int[][] shapes = {   // m, n, k, extra padding of lda, ldb, ldc
            {1, 1, 8, 0, 0, 0}, {17, 33, 40, 8, 16, 8}, {128, 128, 64, 0, 0, 0}, {130, 250, 72, 0, 8, 0},
            {257, 129, 1024, 8, 0, 16}, {2, 1000, 256, 0, 0, 0}, {64, 300, 4096, 0, 0, 0}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1], sh[2], sh[3], sh[4], sh[5]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} m{1} n{2} k{3}")
    @MethodSource("gemmCases")
    void gemm(KernelDType t, int m, int n, int kk, int padA, int padB, int padC) {
        int lda = ld(kk, padA);
        int ldb = ld(kk, padB);
        int ldc = ld(n, padC);
        float[] a = RandomData.normal(t, m * lda, 1, 1);
        float[] b = RandomData.normal(t, n * ldb, 2, 1);
        float[][] cs = {RandomData.filled(m * ldc, Float.NaN), RandomData.normal(t, m * ldc, 3, 1)};
        float[][] ab = {{1f, 0f}, {0.5f, 1f}};                      // beta 0 over NaN: C never read; beta 1: residual
        for (int v = 0; v < 2; v++) {
            float alpha = ab[v][0];
            float beta = ab[v][1];
            Expected want = RefGemm.nt(t, a, b, cs[v], m, n, kk, lda, ldb, ldc, alpha, beta);
            // without a workspace (no split), then with one (split over K wherever the tiles leave SMs idle)
            for (boolean split : new boolean[] {false, true}) {
                long wsBytes = split ? k.gemmWorkspaceBytes(t, m, n, kk) : 0;
                try (DeviceBuffer da = upload(t, a); DeviceBuffer db = upload(t, b); DeviceBuffer dc = upload(t, cs[v]);
                     DeviceBuffer ws = ctx.allocate(Math.max(16, wsBytes))) {
                    byte[] junk = new byte[(int) ws.bytes()];
                    java.util.Arrays.fill(junk, (byte) 0x7f); // stale partials and counters must not matter
                    ws.copyFrom(junk);
                    k.gemmNt(s, t, da.pointer(), db.pointer(), dc.pointer(), m, n, kk, lda, ldb, ldc, alpha, beta,
                            wsBytes > 0 ? ws.pointer() : null);
                    check(String.format("gemm_nt_%s m%d n%d k%d ld %d/%d/%d alpha %s beta %s splits %d", t.suffix(), m,
                            n, kk, lda, ldb, ldc, alpha, beta, wsBytes > 0 ? k.gemmSplits(t, m, n, kk) : 1),
                            download(dc, t, m * ldc), want, Tolerances.gemm(t, kk));
                }
            }
        }
    }

    /** Small integers: products and sums exact in fp32 and in every output type, so the result must be exact. */
    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void gemmOfSmallIntegersIsExact(KernelDType t) {
        int m = 70;
        int n = 88;                                              // ldc = n: a multiple of 8
        int kk = 64;
        float[] a = RandomData.uniform(t, m * kk, 4, -2.5, 2.5);
        float[] b = RandomData.uniform(t, n * kk, 5, -2.5, 2.5);
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.round(a[i]);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.round(b[i]);
        }
        Expected want = RefGemm.nt(t, a, b, new float[m * n], m, n, kk, kk, kk, n, 1f, 0f);
        try (DeviceBuffer da = upload(t, a); DeviceBuffer db = upload(t, b); DeviceBuffer dc = ctx.allocate(t.bytes(m * n))) {
            k.gemmNt(s, t, da.pointer(), db.pointer(), dc.pointer(), m, n, kk, kk, kk, n, 1f, 0f);
            check("gemm_nt_" + t.suffix() + " integers", download(dc, t, m * n), want, Tolerance.EXACT);
        }
    }

    /** fp32 GEMM runs on CUDA cores: TF32 (10 mantissa bits) would lose the 2^-20 in every product. */
    @Test
    void gemmF32UsesNoTf32() {
        int m = 20;
        int n = 24;
        int kk = 16;
        float one = 1 + 0x1p-20f;
        try (DeviceBuffer da = upload(KernelDType.F32, RandomData.filled(m * kk, one));
             DeviceBuffer db = upload(KernelDType.F32, RandomData.filled(n * kk, 1f));
             DeviceBuffer dc = ctx.allocate(4L * m * n)) {
            k.gemmNt(s, KernelDType.F32, da.pointer(), db.pointer(), dc.pointer(), m, n, kk, kk, kk, n, 1f, 0f);
            assertAll("gemm_nt_f32 with 1 + 2^-20", download(dc, KernelDType.F32, m * n), 16 + 0x1p-16f);
        }
    }

    static Stream<Arguments> softmaxCases() {
        int[][] shapes = {{3, 1, 0}, {5, 100, 0}, {8, 1000, 4}, {4, 2048, 4}, {6, 777, 3}, {2, 20000, 0},
            {4, 20001, 2}, {64, 64, 64}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1], sh[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} rows{1} cols{2} causal{3}")
    @MethodSource("softmaxCases")
    void softmax(KernelDType t, int rows, int cols, int causalQ) {
        float[] x = RandomData.normal(t, rows * cols, cols, 3);
        Expected want = RefSoftmax.rows(t, x, rows, cols, 0.3f, causalQ);
        try (DeviceBuffer dx = upload(t, x); DeviceBuffer dy = ctx.allocate(t.bytes(rows * cols))) {
            k.softmaxRows(s, t, dx.pointer(), dy.pointer(), rows, cols, 0.3f, causalQ);
            check(String.format("softmax_rows_%s %dx%d causal_q %d", t.suffix(), rows, cols, causalQ),
                    download(dy, t, rows * cols), want, Tolerances.softmax(t, cols));
            k.softmaxRows(s, t, dx.pointer(), dx.pointer(), rows, cols, 0.3f, causalQ);   // in place
            check("in place", download(dx, t, rows * cols), want, Tolerances.softmax(t, cols));
        }
    }

    static Stream<Arguments> normCases() {
        int[][] shapes = {{4, 64, 64}, {3, 1000, 1024}, {2, 777, 800}, {2, 20000, 20000}, {5, 4096, 3 * 4096}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1], sh[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} rows{1} cols{2} ldX{3}")
    @MethodSource("normCases")
    void norms(KernelDType t, int rows, int cols, int ldX) {
        float[] x = RandomData.normal(t, rows * ldX, 7, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] = HalfFloats.round(t, x[i] + 0.5f);
        }
        float[] w = RandomData.normal(t, cols, 8, 0.2);
        for (int i = 0; i < cols; i++) {
            w[i] = HalfFloats.round(t, w[i] + 1);
        }
        float[] bias = RandomData.normal(t, cols, 9, 0.5);
        float eps = 1e-5f;
        Tolerance tol = Tolerances.norm(t, cols);
        try (DeviceBuffer dx = upload(t, x); DeviceBuffer dw = upload(t, w); DeviceBuffer db = upload(t, bias);
             DeviceBuffer dy = ctx.allocate(t.bytes(rows * cols))) {
            k.layerNorm(s, t, dx.pointer(), dw.pointer(), db.pointer(), dy.pointer(), rows, cols, ldX, eps);
            check(String.format("layernorm_%s %dx%d ld %d", t.suffix(), rows, cols, ldX), download(dy, t, rows * cols),
                    RefNorm.layerNorm(t, x, w, bias, rows, cols, ldX, eps), tol);
            k.layerNorm(s, t, dx.pointer(), dw.pointer(), null, dy.pointer(), rows, cols, ldX, eps);
            check("  no bias", download(dy, t, rows * cols), RefNorm.layerNorm(t, x, w, null, rows, cols, ldX, eps), tol);
            k.rmsNorm(s, t, dx.pointer(), dw.pointer(), dy.pointer(), rows, cols, ldX, eps);
            check(String.format("rmsnorm_%s %dx%d ld %d", t.suffix(), rows, cols, ldX), download(dy, t, rows * cols),
                    RefNorm.rmsNorm(t, x, w, rows, cols, ldX, eps), tol);
        }
    }

    static Stream<Arguments> elementwiseCases() {
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int n : new int[] {1, 1000, 4097, 100_003}) {
                for (int offset : new int[] {0, 1}) {                 // 1: unaligned pointers, the scalar path
                    out.add(Arguments.of(t, n, offset));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n{1} offset{2}")
    @MethodSource("elementwiseCases")
    void geluAndAdd(KernelDType t, int n, int offset) {
        float[] x = RandomData.normal(t, n + offset, n, 3);
        float[] y = RandomData.normal(t, n + offset, n + 1, 3);
        float[] xs = java.util.Arrays.copyOfRange(x, offset, n + offset);
        float[] ys = java.util.Arrays.copyOfRange(y, offset, n + offset);
        long off = t.bytes(offset);
        try (DeviceBuffer dx = upload(t, x); DeviceBuffer dy = upload(t, y);
             DeviceBuffer out = ctx.allocate(t.bytes(n + offset))) {
            k.gelu(s, t, dx.pointer(off), out.pointer(off), n);
            check(String.format("gelu_%s n%d offset %d", t.suffix(), n, offset),
                    tail(download(out, t, n + offset), offset), RefActivation.gelu(t, xs), Tolerances.elementwise(t));
            k.add(s, t, dx.pointer(off), dy.pointer(off), out.pointer(off), n);
            check(String.format("add_%s n%d offset %d", t.suffix(), n, offset), tail(download(out, t, n + offset), offset),
                    RefActivation.add(t, xs, ys), Tolerances.elementwise(t));
            k.gelu(s, t, dx.pointer(off), dx.pointer(off), n);                       // in place
            check("  gelu in place", tail(download(dx, t, n + offset), offset), RefActivation.gelu(t, xs),
                    Tolerances.elementwise(t));
        }
    }

    private static float[] tail(float[] a, int from) {
        return java.util.Arrays.copyOfRange(a, from, a.length);
    }

    static Stream<Arguments> siluCases() {
        int[][] shapes = {{1, 8}, {7, 100}, {33, 2048}, {70_000, 16}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} rows{1} dff{2}")
    @MethodSource("siluCases")
    void siluMul(KernelDType t, int rows, int dff) {
        float[] gu = RandomData.normal(t, rows * 2 * dff, rows, 2.5);
        try (DeviceBuffer dgu = upload(t, gu); DeviceBuffer dy = ctx.allocate(t.bytes((long) rows * dff))) {
            k.siluMul(s, t, dgu.pointer(), dy.pointer(), rows, dff);
            check(String.format("silu_mul_%s rows %d dff %d", t.suffix(), rows, dff), download(dy, t, rows * dff),
                    RefActivation.siluMul(t, gu, rows, dff), Tolerances.elementwise(t));
        }
    }

    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void embedding(KernelDType t) {
        for (int hidden : new int[] {64, 100, 3}) {
            int vocab = 1000;
            int tokens = 37;
            float[] table = RandomData.normal(t, vocab * hidden, hidden, 1);
            int[] ids = RandomData.ids(tokens, 5, vocab);
            ids[0] = vocab - 1;
            ids[1] = 0;
            try (DeviceBuffer dt = upload(t, table); DeviceBuffer di = upload(ids);
                 DeviceBuffer dy = ctx.allocate(t.bytes(tokens * hidden))) {
                k.embedding(s, t, di.pointer(), dt.pointer(), dy.pointer(), tokens, hidden);
                check("embedding_" + t.suffix() + " hidden " + hidden, download(dy, t, tokens * hidden),
                        RefEmbedding.lookup(ids, table, hidden), Tolerances.embedding(t));
            }
        }
    }

    static Stream<Arguments> ropeCases() {
        int[][] shapes = {   // batch, tokens, heads, kv heads, head dim, pos, positions of the table
            {2, 33, 8, 2, 64, 0, 40}, {5, 1, 32, 8, 128, 4095, 4096}, {1, 300, 4, 4, 32, 0, 300}, {3, 2, 6, 2, 80, 7, 9},
            {2, 4, 2, 1, 6, 1, 5}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1], sh[2], sh[3], sh[4], sh[5], sh[6]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} b{1} tokens{2} h{3} kv{4} d{5} pos{6}")
    @MethodSource("ropeCases")
    void rope(KernelDType t, int batch, int tokens, int heads, int kv, int d, int pos, int positions) {
        dev.scalebench.kernels.ref.AttentionShape sh = new dev.scalebench.kernels.ref.AttentionShape(batch, heads, kv,
                d, (heads + 2 * kv) * d + 8, heads * d);
        float[] qkv = RandomData.normal(t, batch * tokens * sh.ldQkv(), d, 1);
        float[] table = RopeTable.of(500_000, d, positions);
        Expected want = dev.scalebench.kernels.ref.RefRope.apply(t, qkv, table, sh, tokens, pos);
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer dt = ctx.allocate(4L * table.length)) {
            dt.copyFrom(table);
            k.rope(s, t, dq.pointer(), dt.pointer(), positions, batch, tokens, heads, kv, d, sh.ldQkv(), pos);
            check(String.format("rope_%s b%d tokens%d h%d kv%d d%d pos%d", t.suffix(), batch, tokens, heads, kv, d,
                    pos), download(dq, t, qkv.length), want, Tolerances.rope(t));
        }
    }

    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void biasAdd(KernelDType t) {
        for (int[] sh : new int[][] {{7, 1536, 1536}, {70000, 64, 72}, {3, 100, 100}}) {   // rows, cols, ldY
            float[] y = RandomData.normal(t, sh[0] * sh[2], 1, 1);
            float[] bias = RandomData.normal(t, sh[1], 2, 1);
            Expected want = RefActivation.biasAdd(t, y, bias, sh[0], sh[1], sh[2]);
            try (DeviceBuffer dy = upload(t, y); DeviceBuffer db = upload(t, bias)) {
                k.biasAdd(s, t, dy.pointer(), db.pointer(), sh[0], sh[1], sh[2]);
                check(String.format("bias_add_%s rows%d cols%d ld%d", t.suffix(), sh[0], sh[1], sh[2]),
                        download(dy, t, y.length), want, Tolerances.biasAdd(t));
            }
        }
    }

    /** The fills follow the formulas of docs/kernels.md, so a host can reproduce any element. */
    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void fillsFollowTheDocumentedFormulas(KernelDType t) {
        int n = 1 << 20;
        long seed = 0x5EEDL;
        try (DeviceBuffer y = ctx.allocate(t.bytes(n)); DeviceBuffer ids = ctx.allocate(4L * n)) {
            k.fillNormal(s, t, y.pointer(), n, seed, 0.02f);
            float[] v = download(y, t, n);
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
                sq += (double) v[i] * v[i];
                if (i % 4099 == 0) {      // fp32 logf/sqrtf/cospif err ~1e-6; then one rounding to t
                    double z = Fills.normal(seed, i);
                    assertThat(Math.abs(v[i] - 0.02 * z)).as("element %d", i)
                            .isLessThanOrEqualTo(0.02 * (1e-5 * (1 + Math.abs(z)) + 2 * t.unitRoundoff() * Math.abs(z)));
                }
            }
            assertThat(Math.abs(sum / n)).isLessThan(5 * 0.02 / Math.sqrt(n));
            assertThat(Math.sqrt(sq / n)).isBetween(0.0198, 0.0202);
            k.fillConst(s, t, y.pointer(), n, 0.1f);
            assertAll("fill_const_" + t.suffix(), download(y, t, n), HalfFloats.round(t, 0.1f));
            k.fillIds(s, ids.pointer(), n, seed, 50257);
            s.synchronize();
            int[] got = new int[n];
            ids.copyTo(got);
            for (int i = 0; i < n; i += 997) {
                assertThat(got[i]).as("id %d", i).isEqualTo(Fills.id(seed, i, 50257));
            }
        }
    }
}
