package dev.scalebench.kernels.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.kernels.ops.KernelDType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RefAttentionTest {
    private static final KernelDType F32 = KernelDType.F32;
    private static final Tolerance CLOSE = new Tolerance(1e-30, 1e-6, 1e-9);

    @Test
    void flashTilesAgreeWithMaterialisedScores() {
        AttentionShape sh = new AttentionShape(2, 4, 2, 16, 4 * 16 + 2 * 2 * 16 + 8, 4 * 16 + 3);
        int seq = 37;
        float[] qkv = RandomData.normal(F32, 2 * seq * sh.ldQkv(), 1, 1.5);
        float[] o = new float[2 * seq * sh.ldO()];
        for (boolean causal : new boolean[] {true, false}) {
            Expected naive = RefAttention.prefillNaive(F32, qkv, o, sh, seq, 0.25f, causal);
            for (int tile : new int[] {1, 7, 16, 64}) {
                Compare c = Compare.of("tile " + tile + " causal " + causal,
                        RefAttention.prefillFlash(F32, qkv, o, sh, seq, 0.25f, causal, tile).values(), naive, CLOSE);
                assertThat(c.passed()).as(c.toString()).isTrue();
            }
        }
    }

    /** softmax(scale·Q·Kᵀ, causal)·V per (sequence, head), through the GEMM and softmax references. */
    @Test
    void prefillEqualsSoftmaxOfQKTransposeTimesV() {
        AttentionShape sh = AttentionShape.dense(2, 4, 2, 8);
        int seq = 13;
        int dim = sh.headDim();
        float scale = (float) (1 / Math.sqrt(dim));
        float[] qkv = RandomData.normal(F32, 2 * seq * sh.ldQkv(), 2, 1);
        for (boolean causal : new boolean[] {true, false}) {
            float[] got = RefAttention.prefillNaive(F32, qkv, new float[2 * seq * sh.ldO()], sh, seq, scale, causal)
                    .values();
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < sh.heads(); h++) {
                    float[] q = slice(qkv, sh.ldQkv(), b * seq, seq, sh.qOffset(h), dim);
                    float[] k = slice(qkv, sh.ldQkv(), b * seq, seq, sh.kOffset(sh.kvHead(h)), dim);
                    float[] vt = transpose(slice(qkv, sh.ldQkv(), b * seq, seq, sh.vOffset(sh.kvHead(h)), dim),
                            seq, dim);
                    float[] scores = RefGemm.nt(F32, q, k, new float[seq * seq], seq, seq, dim, dim, dim, seq, 1f, 0f)
                            .values();
                    float[] p = RefSoftmax.rows(F32, scores, seq, seq, scale, causal ? seq : 0).values();
                    Expected want = RefGemm.nt(F32, p, vt, new float[seq * dim], seq, dim, seq, seq, seq, dim, 1f, 0f);
                    float[] mine = slice(got, sh.ldO(), b * seq, seq, h * dim, dim);
                    Compare c = Compare.of("b" + b + " h" + h, mine, want, new Tolerance(1e-7, 1e-5, 1e-6));
                    assertThat(c.passed()).as(c.toString()).isTrue();
                }
            }
        }
    }

    @Test
    void causalQueryIgnoresLaterKeys() {
        AttentionShape sh = AttentionShape.dense(1, 2, 1, 4);
        int seq = 6;
        float[] qkv = RandomData.normal(F32, seq * sh.ldQkv(), 3, 1);
        float[] before = RefAttention.prefillNaive(F32, qkv, new float[seq * sh.ldO()], sh, seq, 0.5f, true).values();
        float[] changed = qkv.clone();
        for (int d = sh.kOffset(0); d < sh.ldQkv(); d++) {
            changed[(seq - 1) * sh.ldQkv() + d] += 3;      // the last key and value
        }
        float[] after = RefAttention.prefillNaive(F32, changed, new float[seq * sh.ldO()], sh, seq, 0.5f, true)
                .values();
        assertThat(Arrays.copyOf(after, (seq - 1) * sh.ldO())).containsExactly(Arrays.copyOf(before,
                (seq - 1) * sh.ldO()));
        assertThat(after[(seq - 1) * sh.ldO()]).isNotEqualTo(before[(seq - 1) * sh.ldO()]);
    }

    @Test
    void groupedQueryEqualsMultiHeadWithRepeatedKvHeads() {
        AttentionShape gqa = AttentionShape.dense(2, 6, 2, 8);
        AttentionShape mha = gqa.asMultiHead();
        int seq = 5;
        float[] qkv = RandomData.normal(F32, 2 * seq * gqa.ldQkv(), 4, 1);
        float[] rep = new float[2 * seq * mha.ldQkv()];
        for (int t = 0; t < 2 * seq; t++) {
            System.arraycopy(qkv, t * gqa.ldQkv(), rep, t * mha.ldQkv(), gqa.heads() * gqa.headDim());
            for (int h = 0; h < gqa.heads(); h++) {
                int g = gqa.kvHead(h);
                System.arraycopy(qkv, t * gqa.ldQkv() + gqa.kOffset(g), rep, t * mha.ldQkv() + mha.kOffset(h), 8);
                System.arraycopy(qkv, t * gqa.ldQkv() + gqa.vOffset(g), rep, t * mha.ldQkv() + mha.vOffset(h), 8);
            }
        }
        assertThat(gqa.kvHead(2)).isEqualTo(0);
        assertThat(gqa.kvHead(3)).isEqualTo(1);
        float[] a = RefAttention.prefillNaive(F32, qkv, new float[2 * seq * gqa.ldO()], gqa, seq, 0.3f, true).values();
        float[] b = RefAttention.prefillNaive(F32, rep, new float[2 * seq * mha.ldO()], mha, seq, 0.3f, true).values();
        assertThat(a).containsExactly(b);
    }

    @Test
    void decodeEqualsTheLastRowOfCausalPrefill() {
        AttentionShape sh = new AttentionShape(3, 4, 2, 16, 4 * 16 + 2 * 2 * 16 + 4, 4 * 16 + 8);
        int seq = 11;
        int cacheLen = 16;
        float scale = 0.25f;
        float[] qkv = RandomData.normal(F32, 3 * seq * sh.ldQkv(), 5, 1);
        float[] prefill = RefAttention.prefillNaive(F32, qkv, new float[3 * seq * sh.ldO()], sh, seq, scale, true)
                .values();
        int cacheSize = 3 * sh.kvHeads() * cacheLen * sh.headDim();
        float[] kCache = RandomData.normal(F32, cacheSize, 6, 100);  // garbage beyond ctx must not matter
        float[] vCache = RandomData.normal(F32, cacheSize, 7, 100);
        for (int pos = 0; pos < seq; pos++) {
            float[] step = new float[3 * sh.ldQkv()];              // one row per sequence: its token at pos
            for (int b = 0; b < 3; b++) {
                System.arraycopy(qkv, (b * seq + pos) * sh.ldQkv(), step, b * sh.ldQkv(), sh.ldQkv());
            }
            RefAttention.kvAppend(step, kCache, vCache, sh, pos, cacheLen);
            float[] o = new float[3 * sh.ldO()];
            float[] decoded = RefAttention.decode(F32, step, kCache, vCache, o, sh, pos + 1, cacheLen, scale).values();
            for (int b = 0; b < 3; b++) {
                float[] want = Arrays.copyOfRange(prefill, (b * seq + pos) * sh.ldO(), (b * seq + pos + 1) * sh.ldO());
                assertThat(Arrays.copyOfRange(decoded, b * sh.ldO(), (b + 1) * sh.ldO())).as("b %d pos %d", b, pos)
                        .containsExactly(want);
            }
        }
    }

    @Test
    void kvAppendWritesTheCacheLayout() {
        AttentionShape sh = AttentionShape.dense(2, 2, 2, 3);
        int cacheLen = 4;
        float[] qkv = new float[2 * sh.ldQkv()];
        for (int i = 0; i < qkv.length; i++) {
            qkv[i] = i;
        }
        float[] k = new float[2 * 2 * cacheLen * 3];
        float[] v = new float[k.length];
        RefAttention.kvAppend(qkv, k, v, sh, 2, cacheLen);
        // sequence 1, kv head 1, position 2: K from row 1 at (heads + 1)·D, V at (heads + kv + 1)·D
        int at = ((1 * 2 + 1) * cacheLen + 2) * 3;
        assertThat(Arrays.copyOfRange(k, at, at + 3)).containsExactly(27, 28, 29);   // 18 + 3·3
        assertThat(Arrays.copyOfRange(v, at, at + 3)).containsExactly(33, 34, 35);   // 18 + 5·3
        assertThat(Arrays.stream(toDouble(k)).filter(x -> x != 0).count()).isEqualTo(2 * 2 * 3);
        assertThatThrownBy(() -> RefAttention.kvAppend(qkv, k, v, sh, 4, cacheLen)).hasMessageContaining("pos 4");
    }

    @Test
    void kvAppendOfAWholePromptEqualsOneAppendPerPosition() {
        AttentionShape sh = new AttentionShape(2, 4, 2, 8, 4 * 8 + 2 * 2 * 8 + 8, 4 * 8);
        int tokens = 5;
        int cacheLen = 9;
        int pos = 3;
        float[] qkv = RandomData.normal(F32, 2 * tokens * sh.ldQkv(), 11, 1);
        int size = 2 * sh.kvHeads() * cacheLen * sh.headDim();
        float[] k = RandomData.normal(F32, size, 12, 1);
        float[] v = RandomData.normal(F32, size, 13, 1);
        float[] kOne = k.clone();
        float[] vOne = v.clone();
        RefAttention.kvAppend(qkv, k, v, sh, tokens, pos, cacheLen);
        for (int s = 0; s < tokens; s++) {
            float[] step = new float[2 * sh.ldQkv()];
            for (int b = 0; b < 2; b++) {
                System.arraycopy(qkv, (b * tokens + s) * sh.ldQkv(), step, b * sh.ldQkv(), sh.ldQkv());
            }
            RefAttention.kvAppend(step, kOne, vOne, sh, pos + s, cacheLen);
        }
        assertThat(k).containsExactly(kOne);
        assertThat(v).containsExactly(vOne);
        assertThatThrownBy(() -> RefAttention.kvAppend(qkv, k, v, sh, tokens, 5, cacheLen))
                .hasMessageContaining("pos 5 and 5 tokens");
    }

    @Test
    void outputPaddingIsKept() {
        AttentionShape sh = new AttentionShape(1, 2, 1, 4, 16, 10);
        float[] o = RandomData.filled(3 * 10, -7f);
        float[] got = RefAttention.prefillNaive(F32, RandomData.normal(F32, 3 * 16, 8, 1), o, sh, 3, 0.5f, true)
                .values();
        assertThat(got[8]).isEqualTo(-7f);
        assertThat(got[9]).isEqualTo(-7f);
        assertThat(got[7]).isNotEqualTo(-7f);
    }

    private static float[] slice(float[] m, int ld, int row0, int rows, int col0, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, (row0 + r) * ld + col0, out, r * cols, cols);
        }
        return out;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] out = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[r * cols + c];
            }
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
