package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * Attention as the kernels define it ({@link AttentionShape} for the fused QKV layout):
 * <ul>
 *   <li>{@code attention_prefill_<dt>_d<D>}: row {@code t = b·seq + s} of {@code qkv} and {@code o}; query {@code s}
 *       of sequence {@code b} attends keys {@code [0, s]} when causal, {@code [0, seq)} otherwise;</li>
 *   <li>{@code kv_append_<dt>}: sequence {@code b}'s new K and V (row {@code b} of {@code qkv}) written at position
 *       {@code pos} of caches {@code [batch, kv_heads, cache_len, head_dim]};</li>
 *   <li>{@code attention_decode_<dt>_d<D>}: sequence {@code b}'s single query (row {@code b} of {@code qkv}) attends
 *       cache positions {@code [0, ctx)}; output row {@code b} of {@code o}.</li>
 * </ul>
 * Scores and weights are computed in double, the output rounded once. {@link #prefillNaive} materialises the scores;
 * {@link #prefillFlash} computes the same in tiles with an online softmax, as the kernel does, and exists to be
 * checked against it.
 */
public final class RefAttention {
    private RefAttention() {
    }

    /** A source of keys and values for one (sequence, KV head): key/value {@code j}, element {@code d}. */
    private interface Kv {
        double k(int j, int d);

        double v(int j, int d);
    }

    /** Prefill with materialised scores. {@code o} is the output buffer before the call (its padding survives). */
    public static Expected prefillNaive(KernelDType t, float[] qkv, float[] o, AttentionShape shape, int seq,
                                        float scale, boolean causal) {
        return prefill(t, qkv, o, shape, seq, scale, causal, 0);
    }

    /** Prefill in key tiles of {@code tile} with an online softmax (running maximum and sum, rescaled per tile). */
    public static Expected prefillFlash(KernelDType t, float[] qkv, float[] o, AttentionShape shape, int seq,
                                        float scale, boolean causal, int tile) {
        if (tile <= 0) {
            throw new IllegalArgumentException("tile " + tile);
        }
        return prefill(t, qkv, o, shape, seq, scale, causal, tile);
    }

    private static Expected prefill(KernelDType t, float[] qkv, float[] o, AttentionShape sh, int seq, float scale,
                                    boolean causal, int tile) {
        float[] out = o.clone();
        double[] mag = new double[o.length];
        for (int b = 0; b < sh.batch(); b++) {
            int base = b * seq;
            for (int h = 0; h < sh.heads(); h++) {
                int g = sh.kvHead(h);
                Kv kv = new Kv() {
                    @Override
                    public double k(int j, int d) {
                        return qkv[(base + j) * sh.ldQkv() + sh.kOffset(g) + d];
                    }

                    @Override
                    public double v(int j, int d) {
                        return qkv[(base + j) * sh.ldQkv() + sh.vOffset(g) + d];
                    }
                };
                for (int s = 0; s < seq; s++) {
                    int q = (base + s) * sh.ldQkv() + sh.qOffset(h);
                    int keys = causal ? s + 1 : seq;
                    int at = (base + s) * sh.ldO() + h * sh.headDim();
                    attend(t, qkv, q, kv, keys, sh.headDim(), scale, tile, out, mag, at);
                }
            }
        }
        return new Expected(out, mag);
    }

    /** One query over {@code keys} keys; writes {@code D} outputs at {@code out[at..]} and their error scales. */
    private static void attend(KernelDType t, float[] qkv, int q, Kv kv, int keys, int dim, float scale, int tile,
                               float[] out, double[] mag, int at) {
        double[] acc = new double[dim];
        double[] accAbs = new double[dim];
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int step = tile == 0 ? keys : tile;
        for (int j0 = 0; j0 < keys; j0 += step) {
            int j1 = Math.min(keys, j0 + step);
            double[] sc = new double[j1 - j0];
            double tileMax = Double.NEGATIVE_INFINITY;
            for (int j = j0; j < j1; j++) {
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += qkv[q + d] * kv.k(j, d);
                }
                sc[j - j0] = dot * scale;
                tileMax = Math.max(tileMax, sc[j - j0]);
            }
            double newMax = Math.max(max, tileMax);
            double rescale = Math.exp(max - newMax);          // 0 on the first tile
            sum *= rescale;
            for (int d = 0; d < dim; d++) {
                acc[d] *= rescale;
                accAbs[d] *= rescale;
            }
            for (int j = j0; j < j1; j++) {
                double p = Math.exp(sc[j - j0] - newMax);
                sum += p;
                for (int d = 0; d < dim; d++) {
                    double v = kv.v(j, d);
                    acc[d] += p * v;
                    accAbs[d] += p * Math.abs(v);
                }
            }
            max = newMax;
        }
        for (int d = 0; d < dim; d++) {
            out[at + d] = HalfFloats.round(t, (float) (acc[d] / sum));
            mag[at + d] = accAbs[d] / sum;
        }
    }

    /** {@code kv_append}: the caches after writing every sequence's K and V at {@code pos}; in place. */
    public static void kvAppend(float[] qkv, float[] kCache, float[] vCache, AttentionShape sh, int pos,
                                int cacheLen) {
        kvAppend(qkv, kCache, vCache, sh, 1, pos, cacheLen);
    }

    /**
     * {@code kv_append} of {@code tokens} tokens per sequence: row {@code b·tokens + s} of {@code qkv} to position
     * {@code pos + s} of sequence {@code b}'s caches; in place.
     */
    public static void kvAppend(float[] qkv, float[] kCache, float[] vCache, AttentionShape sh, int tokens, int pos,
                                int cacheLen) {
        if (pos < 0 || pos >= cacheLen || tokens < 1 || pos + tokens > cacheLen) {
            throw new IllegalArgumentException("pos " + pos + " and " + tokens + " tokens outside [0, " + cacheLen
                    + ")");
        }
        int dim = sh.headDim();
        for (int b = 0; b < sh.batch(); b++) {
            for (int s = 0; s < tokens; s++) {
                int row = (b * tokens + s) * sh.ldQkv();
                for (int g = 0; g < sh.kvHeads(); g++) {
                    int dst = ((b * sh.kvHeads() + g) * cacheLen + pos + s) * dim;
                    System.arraycopy(qkv, row + sh.kOffset(g), kCache, dst, dim);
                    System.arraycopy(qkv, row + sh.vOffset(g), vCache, dst, dim);
                }
            }
        }
    }

    /** {@code attention_decode}: each sequence's query over cache positions {@code [0, ctx)}. */
    public static Expected decode(KernelDType t, float[] qkv, float[] kCache, float[] vCache, float[] o,
                                  AttentionShape sh, int ctx, int cacheLen, float scale) {
        if (ctx <= 0 || ctx > cacheLen) {
            throw new IllegalArgumentException("ctx " + ctx + " outside [1, " + cacheLen + "]");
        }
        float[] out = o.clone();
        double[] mag = new double[o.length];
        int dim = sh.headDim();
        for (int b = 0; b < sh.batch(); b++) {
            for (int h = 0; h < sh.heads(); h++) {
                int cache = (b * sh.kvHeads() + sh.kvHead(h)) * cacheLen * dim;
                Kv kv = new Kv() {
                    @Override
                    public double k(int j, int d) {
                        return kCache[cache + j * dim + d];
                    }

                    @Override
                    public double v(int j, int d) {
                        return vCache[cache + j * dim + d];
                    }
                };
                attend(t, qkv, b * sh.ldQkv() + sh.qOffset(h), kv, ctx, dim, scale, 0, out, mag,
                        b * sh.ldO() + h * dim);
            }
        }
        return new Expected(out, mag);
    }
}
