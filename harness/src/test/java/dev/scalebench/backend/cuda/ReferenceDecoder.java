package dev.scalebench.backend.cuda;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.RopeTable;
import dev.scalebench.kernels.ref.AttentionShape;
import dev.scalebench.kernels.ref.RefActivation;
import dev.scalebench.kernels.ref.RefAttention;
import dev.scalebench.kernels.ref.RefEmbedding;
import dev.scalebench.kernels.ref.RefGemm;
import dev.scalebench.kernels.ref.RefNorm;
import dev.scalebench.kernels.ref.RefRope;
import java.util.Arrays;

/**
 * The cuda backend's decoder pass on the host, composed of the kernels' own Java references (kernels test-jar) in the
 * order {@link CudaDecoder} launches the kernels, each rounding its output to the dtype as the kernel does. It reads
 * the weights the session made on the device, so a comparison checks the layer stack and every kernel in it, not the
 * random fills.
 */
final class ReferenceDecoder {

    /**
     * One layer's weights, {@code [out, in]}, its caches {@code [b, kvHeads, cacheLen, headDim]} ({@code null} without
     * a cache; written in place by a pass) and its Q/K/V bias ({@code null} without one).
     */
    record Layer(float[] wqkv, float[] wo, float[] w13, float[] w2, float[] kCache, float[] vCache, float[] bqkv) {
        /** From a {@link DecoderTensors.HostCopy} layer: {@code {wqkv, wo, w13, w2, kCache, vCache, bqkv}}. */
        static Layer of(float[][] l) {
            return new Layer(l[0], l[1], l[2], l[3], l[4], l[5], l[6]);
        }
    }

    private static final float EPS = 1e-5f;

    private final ModelConfig c;
    private final KernelDType t;
    private final float[] ropeTable;

    /** @param positions the rows of the rotary table the device's decoder has */
    ReferenceDecoder(ModelConfig c, KernelDType t, int positions) {
        this.c = c;
        this.t = t;
        this.ropeTable = c.family().rope() ? RopeTable.of(c.family().ropeTheta(), c.headDim(), positions) : null;
    }

    /**
     * Logits {@code [batch, vocab]} of one pass of {@code tokens} tokens per sequence at positions {@code pos ..}:
     * a prompt ({@code pos = 0}; its K and V written into the caches when the layers have them) or one decode token
     * (appended at {@code pos}, attending over {@code [0, pos]}).
     *
     * @param ids the decoder's token ids; the first {@code batch·tokens} are used
     */
    float[] pass(int[] ids, int batch, int tokens, int pos, boolean prompt, int cacheLen, float[] embedding,
            float[] lmHead, Layer[] layers) {
        int h = c.hidden();
        int m = batch * tokens;
        int q = h + 2 * c.kvHeads() * c.headDim();
        int ffn = c.ffn();
        int ffnOut = c.gated() ? 2 * ffn : ffn;
        float scale = (float) (1.0 / Math.sqrt(c.headDim()));
        float[] ones = new float[h];
        Arrays.fill(ones, 1f);
        AttentionShape shape = new AttentionShape(batch, c.heads(), c.kvHeads(), c.headDim(), q, h);
        float[] x = RefEmbedding.lookup(Arrays.copyOf(ids, m), embedding, h).values();
        for (Layer l : layers) {
            float[] xn = norm(x, ones, m, h);
            float[] qkv = gemm(xn, l.wqkv(), new float[m * q], m, q, h, 0f);
            if (l.bqkv() != null) {
                qkv = RefActivation.biasAdd(t, qkv, l.bqkv(), m, q, q).values();
            }
            if (ropeTable != null) {
                qkv = RefRope.apply(t, qkv, ropeTable, shape, tokens, pos).values();
            }
            float[] attn;
            if (prompt) {
                if (l.kCache() != null) {
                    RefAttention.kvAppend(qkv, l.kCache(), l.vCache(), shape, tokens, 0, cacheLen);
                }
                attn = RefAttention.prefillNaive(t, qkv, new float[m * h], shape, tokens, scale, true).values();
            } else {
                RefAttention.kvAppend(qkv, l.kCache(), l.vCache(), shape, pos, cacheLen);
                attn = RefAttention.decode(t, qkv, l.kCache(), l.vCache(), new float[m * h], shape, pos + 1, cacheLen,
                        scale).values();
            }
            x = gemm(attn, l.wo(), x, m, h, h, 1f);
            xn = norm(x, ones, m, h);
            float[] hid = gemm(xn, l.w13(), new float[m * ffnOut], m, ffnOut, h, 0f);
            float[] act = c.gated() ? RefActivation.siluMul(t, hid, m, ffn).values() : RefActivation.gelu(t, hid).values();
            x = gemm(act, l.w2(), x, m, h, ffn, 1f);
        }
        float[] lastRows = Arrays.copyOfRange(x, (tokens - 1) * h, x.length);
        float[] last = c.family().norm() == ModelConfig.Norm.RMS
                ? RefNorm.rmsNorm(t, lastRows, ones, batch, h, tokens * h, EPS).values()
                : RefNorm.layerNorm(t, lastRows, ones, null, batch, h, tokens * h, EPS).values();
        return gemm(last, lmHead, new float[batch * c.vocab()], batch, c.vocab(), h, 0f);
    }

    private float[] norm(float[] x, float[] ones, int m, int h) {
        return c.family().norm() == ModelConfig.Norm.RMS ? RefNorm.rmsNorm(t, x, ones, m, h, h, EPS).values()
                : RefNorm.layerNorm(t, x, ones, null, m, h, h, EPS).values();
    }

    /** {@code a[m,k]·b[n,k]ᵀ + beta·c}, contiguous. */
    private float[] gemm(float[] a, float[] b, float[] c, int m, int n, int k, float beta) {
        return RefGemm.nt(t, a, b, c, m, n, k, k, k, n, 1f, beta).values();
    }
}
