package dev.scalebench.backend.cuda;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ref.RefActivation;

/**
 * The cuda backend's decoder step on the host, in double precision with the kernels' rounding points: every kernel
 * output is rounded to the dtype once, as the kernels store it. It reads the weights the session made on the device,
 * so the comparison checks the layer stack and every kernel in it, not the random fills.
 */
final class ReferenceDecoder {

    /** One layer's weights, {@code [out, in]}, and for decode its caches {@code [b, kvHeads, seq + 1, headDim]}. */
    record Layer(float[] wqkv, float[] wo, float[] w13, float[] w2, float[] kCache, float[] vCache) {}

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
        int ffnOut = c.gated() ? 2 * c.ffn() : c.ffn();
        float[] x = new float[m * h];
        for (int i = 0; i < m; i++) {
            System.arraycopy(embedding, ids[i] * h, x, i * h, h);
        }
        for (Layer l : layers) {
            float[] qkv = gemm(norm(x, m, h, 0, h), l.wqkv(), null, m, q, h);
            float[] attn = prefill ? prefillAttention(qkv, batch, tokens, q)
                    : decodeAttention(qkv, l, batch, context, q);
            x = gemm(attn, l.wo(), x, m, h, h);
            float[] hid = gemm(norm(x, m, h, 0, h), l.w13(), null, m, ffnOut, h);
            float[] act = new float[m * c.ffn()];
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < c.ffn(); j++) {
                    double a = hid[r * ffnOut + j];
                    act[r * c.ffn() + j] = round(c.gated() ? a / (1 + Math.exp(-a)) * hid[r * ffnOut + c.ffn() + j]
                            : RefActivation.gelu(a));
                }
            }
            x = gemm(act, l.w2(), x, m, h, c.ffn());
        }
        float[] last = norm(x, batch, h, (tokens - 1) * h, tokens * h);
        return gemm(last, embedding, null, batch, c.vocab(), h);
    }

    private float round(double v) {
        return HalfFloats.round(t, (float) v);
    }

    /** LayerNorm with unit weight and no bias over rows at {@code offset + r·ld}. */
    private float[] norm(float[] x, int rows, int cols, int offset, int ld) {
        float[] y = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += x[offset + r * ld + j];
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[offset + r * ld + j] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / cols + 1e-5);
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = round((x[offset + r * ld + j] - mean) * inv);
            }
        }
        return y;
    }

    /** {@code a[m,k]·b[n,k]ᵀ (+ residual)}. */
    private float[] gemm(float[] a, float[] b, float[] residual, int m, int n, int k) {
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[j * k + p];
                }
                out[i * n + j] = round(residual == null ? s : s + residual[i * n + j]);
            }
        }
        return out;
    }

    private float[] prefillAttention(float[] qkv, int batch, int tokens, int ld) {
        int nh = c.heads();
        int dh = c.headDim();
        float[] o = new float[batch * tokens * c.hidden()];
        for (int b = 0; b < batch; b++) {
            for (int hd = 0; hd < nh; hd++) {
                int kv = hd / (nh / c.kvHeads());
                for (int i = 0; i < tokens; i++) {
                    int keys = i + 1;
                    double[] p = new double[keys];
                    for (int j = 0; j < keys; j++) {
                        p[j] = dot(qkv, (b * tokens + i) * ld + hd * dh, qkv,
                                (b * tokens + j) * ld + (nh + kv) * dh, dh) / Math.sqrt(dh);
                    }
                    softmax(p);
                    for (int d = 0; d < dh; d++) {
                        double s = 0;
                        for (int j = 0; j < keys; j++) {
                            s += p[j] * qkv[(b * tokens + j) * ld + (nh + c.kvHeads() + kv) * dh + d];
                        }
                        o[(b * tokens + i) * c.hidden() + hd * dh + d] = round(s);
                    }
                }
            }
        }
        return o;
    }

    private float[] decodeAttention(float[] qkv, Layer l, int batch, int context, int ld) {
        int nh = c.heads();
        int nkv = c.kvHeads();
        int dh = c.headDim();
        int len = context + 1;
        float[] kc = l.kCache().clone();
        float[] vc = l.vCache().clone();
        for (int b = 0; b < batch; b++) {
            for (int kv = 0; kv < nkv; kv++) {
                for (int d = 0; d < dh; d++) {
                    kc[((b * nkv + kv) * len + context) * dh + d] = qkv[b * ld + (nh + kv) * dh + d];
                    vc[((b * nkv + kv) * len + context) * dh + d] = qkv[b * ld + (nh + nkv + kv) * dh + d];
                }
            }
        }
        float[] o = new float[batch * c.hidden()];
        for (int b = 0; b < batch; b++) {
            for (int hd = 0; hd < nh; hd++) {
                int kv = hd / (nh / nkv);
                double[] p = new double[len];
                for (int j = 0; j < len; j++) {
                    p[j] = dot(qkv, b * ld + hd * dh, kc, ((b * nkv + kv) * len + j) * dh, dh) / Math.sqrt(dh);
                }
                softmax(p);
                for (int d = 0; d < dh; d++) {
                    double s = 0;
                    for (int j = 0; j < len; j++) {
                        s += p[j] * vc[((b * nkv + kv) * len + j) * dh + d];
                    }
                    o[b * c.hidden() + hd * dh + d] = round(s);
                }
            }
        }
        return o;
    }

    private static double dot(float[] a, int ia, float[] b, int ib, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[ia + i] * b[ib + i];
        }
        return s;
    }

    private static void softmax(double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }
}
