package dev.scalebench.config;

/**
 * A decoder-only transformer: the shape of a synthetic model with seeded random weights. Two families share it: the
 * GPT-style presets (LayerNorm, GELU or SwiGLU FFN, embedding tied with the LM head, no positional encoding: the
 * 8-argument constructor) and the Llama family (RMSNorm, rotary position embeddings with the preset's theta, SwiGLU,
 * grouped-query attention, untied LM head; Qwen2 adds biases to Q, K and V): {@link Family}.
 *
 * @param name preset name, e.g. {@code gpt-125m}
 * @param layers number of decoder layers L
 * @param hidden hidden size h
 * @param heads attention heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param ffn feed-forward width
 * @param vocab vocabulary size (embedding and LM head)
 * @param gated gated FFN (SwiGLU: three matrices) instead of GELU (two matrices)
 * @param family norm, positions, LM head and biases ({@link Family#GPT} for the 8-argument constructor)
 */
public record ModelConfig(String name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, boolean gated,
        Family family) {

    public ModelConfig {
        family = family == null ? Family.GPT : family;
    }

    /** A GPT-style preset ({@link Family#GPT}). */
    public ModelConfig(String name, int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, boolean gated) {
        this(name, layers, hidden, heads, kvHeads, ffn, vocab, gated, Family.GPT);
    }

    /**
     * What sets a family apart, beyond the shape.
     *
     * @param norm the normalization of each layer and of the final output
     * @param ropeTheta the base of rotary position embeddings, or 0 for none (the GPT presets, which are synthetic
     *     and carry no positional encoding)
     * @param tiedEmbeddings whether the LM head is the embedding matrix (GPT presets, Llama 3.2 1B and 3B) or a
     *     matrix of its own (Llama 3.1, Mistral, Qwen2.5 7B)
     * @param qkvBias whether the Q, K and V projections have biases (Qwen2)
     */
    public record Family(Norm norm, double ropeTheta, boolean tiedEmbeddings, boolean qkvBias) {

        /** LayerNorm, no positional encoding, tied embeddings, no biases. */
        public static final Family GPT = new Family(Norm.LAYER, 0, true, false);

        public Family {
            if (!(ropeTheta >= 0) || Double.isInfinite(ropeTheta)) {
                throw new IllegalArgumentException("rope theta " + ropeTheta + " must be >= 0 (0: no rotary embeddings)");
            }
        }

        /** Whether positions are encoded by rotary embeddings. */
        public boolean rope() {
            return ropeTheta > 0;
        }

        /** Whether this is anything but the GPT-style family (what an engine must implement beyond it). */
        public boolean beyondGpt() {
            return !equals(GPT);
        }
    }

    /** The normalization: its weight vector is the only parameter either counts (LayerNorm's bias is zero). */
    public enum Norm {
        /** LayerNorm: mean and variance. */
        LAYER("layer"),
        /** RMSNorm: root mean square only. */
        RMS("rms");

        private final String id;

        Norm(String id) {
            this.id = id;
        }

        /** {@code layer} or {@code rms}, as presets spell it. */
        public String id() {
            return id;
        }

        /** The norm spelled {@code id}, or null. */
        public static Norm parse(String id) {
            for (Norm n : values()) {
                if (n.id.equals(id)) {
                    return n;
                }
            }
            return null;
        }
    }

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
     * Total parameters: the embedding, the LM head when it is not tied to the embedding, per layer the QKV, output
     * and FFN matrices, the Q, K and V biases where the family has them, two norm weight vectors, and the final norm.
     */
    public long parameterCount() {
        long qkvBias = family.qkvBias() ? hidden + 2L * kvHeads * headDim() : 0;
        long perLayer = layerMatrixParameters() + qkvBias + 2L * hidden;
        long embeddings = (long) vocab * hidden * (family.tiedEmbeddings() ? 1 : 2);
        return embeddings + layers * perLayer + hidden;
    }
}
