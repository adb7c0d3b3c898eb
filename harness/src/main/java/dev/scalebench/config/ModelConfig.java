package dev.scalebench.config;

/**
 * A GPT-style decoder-only transformer: the shape of a synthetic model with seeded random weights.
 *
 * @param name preset name, e.g. {@code gpt-125m}
 * @param layers number of decoder layers L
 * @param hidden hidden size h
 * @param heads attention heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param ffn feed-forward width
 * @param vocab vocabulary size (embedding and LM head)
 * @param gated gated FFN (SwiGLU: three matrices) instead of GELU (two matrices)
 */
public record ModelConfig(String name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, boolean gated) {

    /** Width of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /** FFN matrices: 3 when gated, else 2. */
    public int ffnMatrices() {
        return gated ? 3 : 2;
    }

    /** Weights of one decoder layer (matrices only; norms and biases are counted in {@link #parameterCount()}). */
    public long layerMatrixParameters() {
        long h = hidden;
        long kv = (long) kvHeads * headDim();
        return h * (h + 2 * kv) + h * h + (long) ffnMatrices() * h * ffn;
    }

    /**
     * Total parameters: embedding (tied with the LM head), per layer the QKV, output and FFN matrices plus two
     * norm weight vectors, and the final norm.
     */
    public long parameterCount() {
        long perLayer = layerMatrixParameters() + 2L * hidden;
        return (long) vocab * hidden + layers * perLayer + hidden;
    }
}
