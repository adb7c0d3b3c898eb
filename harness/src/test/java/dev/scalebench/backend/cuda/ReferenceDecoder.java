package dev.scalebench.backend.cuda;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ref.AttentionShape;
import dev.scalebench.kernels.ref.RefActivation;
import dev.scalebench.kernels.ref.RefAttention;
import dev.scalebench.kernels.ref.RefEmbedding;
import dev.scalebench.kernels.ref.RefGemm;
import dev.scalebench.kernels.ref.RefNorm;

/**
 * The cuda backend's decoder step on the host, composed of the kernels' own Java references (kernels test-jar) in the
 * order {@link CudaDecoderSession} launches the kernels, each rounding its output to the dtype as the kernel does. It
 * reads the weights the session made on the device, so a comparison checks the layer stack and every kernel in it,
 * not the random fills.
 */
final class ReferenceDecoder {

    /** One layer's weights, {@code [out, in]}, and for decode its caches {@code [b, kvHeads, seq + 1, headDim]}. */
    record Layer(float[] wqkv, float[] wo, float[] w13, float[] w2, float[] kCache, float[] vCache) {}

    private static final float EPS = 1e-5f;

    private final ModelConfig c;
    private final KernelDType t;

    ReferenceDecoder(ModelConfig c, KernelDType t) {
        this.c = c;
        this.t = t;
    }

    /**
     * Logits {@code [batch, vocab]} of one step.
     *
     * @param context decode: cached positions before the new token; prefill: 0
     */
    float[] step(int[] ids, int batch, int tokens, int context, float[] embedding, Layer[] layers, boolean prefill) {
        int h = c.hidden();
        int m = batch * tokens;
        int q = h + 2 * c.kvHeads() * c.headDim();
        int ffn = c.ffn();
        int ffnOut = c.gated() ? 2 * ffn : ffn;
        float scale = (float) (1.0 / Math.sqrt(c.headDim()));
        float[] ones = new float[h];
        java.util.Arrays.fill(ones, 1f);
        AttentionShape shape = new AttentionShape(batch, c.heads(), c.kvHeads(), c.headDim(), q, h);
        float[] x = RefEmbedding.lookup(ids, embedding, h).values();
        for (Layer l : layers) {
            float[] xn = RefNorm.layerNorm(t, x, ones, null, m, h, h, EPS).values();
            float[] qkv = gemm(xn, l.wqkv(), new float[m * q], m, q, h, 0f);
            float[] attn;
            if (prefill) {
                attn = RefAttention.prefillNaive(t, qkv, new float[m * h], shape, tokens, scale, true).values();
            } else {
                float[] kc = l.kCache().clone();
                float[] vc = l.vCache().clone();
                RefAttention.kvAppend(qkv, kc, vc, shape, context, context + 1);
                attn = RefAttention.decode(t, qkv, kc, vc, new float[m * h], shape, context + 1, context + 1, scale)
                        .values();
            }
            x = gemm(attn, l.wo(), x, m, h, h, 1f);
            xn = RefNorm.layerNorm(t, x, ones, null, m, h, h, EPS).values();
            float[] hid = gemm(xn, l.w13(), new float[m * ffnOut], m, ffnOut, h, 0f);
            float[] act = c.gated() ? RefActivation.siluMul(t, hid, m, ffn).values() : RefActivation.gelu(t, hid).values();
            x = gemm(act, l.w2(), x, m, h, ffn, 1f);
        }
        float[] lastRows = java.util.Arrays.copyOfRange(x, (tokens - 1) * h, x.length);
        float[] last = RefNorm.layerNorm(t, lastRows, ones, null, batch, h, tokens * h, EPS).values();
        return gemm(last, embedding, new float[batch * c.vocab()], batch, c.vocab(), h, 0f);
    }

    /** {@code a[m,k]·b[n,k]ᵀ + beta·c}, contiguous. */
    private float[] gemm(float[] a, float[] b, float[] c, int m, int n, int k, float beta) {
        return RefGemm.nt(t, a, b, c, m, n, k, k, k, n, 1f, beta).values();
    }
}
