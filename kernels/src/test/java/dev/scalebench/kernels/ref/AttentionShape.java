package dev.scalebench.kernels.ref;

/**
 * The shape of an attention call over the fused QKV layout of {@code docs/kernels.md}: a row of {@code qkv} holds
 * {@code heads} query heads, then {@code kvHeads} key heads, then {@code kvHeads} value heads, each {@code headDim}
 * wide; query head {@code h} reads KV head {@code h / (heads / kvHeads)}.
 *
 * @param batch sequences
 * @param heads query heads
 * @param kvHeads key/value heads, dividing {@code heads}
 * @param headDim D
 * @param ldQkv elements between rows of {@code qkv}, at least {@code (heads + 2·kvHeads)·headDim}
 * @param ldO elements between rows of {@code o}, at least {@code heads·headDim}
 */
public record AttentionShape(int batch, int heads, int kvHeads, int headDim, int ldQkv, int ldO) {
    /** Checks the layout is consistent. */
    public AttentionShape {
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " not a multiple of kv_heads " + kvHeads);
        }
        if (ldQkv < (heads + 2 * kvHeads) * headDim || ldO < heads * headDim) {
            throw new IllegalArgumentException("leading dimensions too small: " + ldQkv + ", " + ldO);
        }
    }

    /** Dense rows: {@code ldQkv = (heads + 2·kvHeads)·headDim}, {@code ldO = heads·headDim}. */
    public static AttentionShape dense(int batch, int heads, int kvHeads, int headDim) {
        return new AttentionShape(batch, heads, kvHeads, headDim, (heads + 2 * kvHeads) * headDim, heads * headDim);
    }

    /** The KV head query head {@code h} reads. */
    public int kvHead(int h) {
        return h / (heads / kvHeads);
    }

    /** Offset in a {@code qkv} row of query head {@code h}. */
    public int qOffset(int h) {
        return h * headDim;
    }

    /** Offset in a {@code qkv} row of key head {@code g}. */
    public int kOffset(int g) {
        return (heads + g) * headDim;
    }

    /** Offset in a {@code qkv} row of value head {@code g}. */
    public int vOffset(int g) {
        return (heads + kvHeads + g) * headDim;
    }

    /** The same shape with every KV head repeated for each query head of its group (multi-head attention). */
    public AttentionShape asMultiHead() {
        return dense(batch, heads, heads, headDim);
    }
}
