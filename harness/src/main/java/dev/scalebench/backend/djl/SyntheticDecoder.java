package dev.scalebench.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder with seeded random weights, run with DJL's PyTorch engine, of either family of {@link ModelConfig}.
 *
 * <p>Per layer: the norm (GPT-style: LayerNorm with a weight vector and a zero bias, the bias not counted in
 * {@link ModelConfig#parameterCount()}; Llama family: RMSNorm, {@code x / sqrt(mean(x²) + eps) · w}), fused QKV
 * projection {@code h -> h + 2·kvHeads·headDim} (plus its bias for Qwen2), rotary position embeddings on Q and K
 * when the family has them ({@link #applyRope}), causal attention with grouped-query heads (K/V heads repeated to
 * {@code heads}), output projection, residual, norm, FFN (gated: {@code (SiLU(x·W1) * x·W3)·W2}; else
 * {@code GELU(x·W1)·W2}), residual. Then the final norm and the LM head (the embedding's transpose when tied, a
 * matrix of its own otherwise) on the last position of each sequence only. The GPT-style presets have no positional
 * encoding (it does not change the cost). Token ids are drawn at open; each step starts with the embedding lookup.
 *
 * <p>Weights are drawn from {@code N(0, 0.02)} with libtorch's generator seeded from the backend seed and the
 * model name, in a fixed order, then cast to the dtype with {@link TorchOps}: the same spec on the same device
 * gives the same weights. Every matrix product goes through {@link #mm}, which can count FLOPs from the actual
 * shapes (see {@link dev.scalebench.plan.Work} for the conventions it must match).
 */
final class SyntheticDecoder {

    static final float INIT_STD = 0.02f;
    private static final float NORM_EPS = 1e-5f;

    private final ModelConfig cfg;
    private final DType dtype;
    private final TorchOps ops;
    private final NDArray embedding; // [vocab, h]
    private final NDArray embeddingT; // [h, vocab], a view of the same storage
    private final NDArray lmHeadT; // [h, vocab]: embeddingT when tied, else a matrix of its own
    private final NDArray finalNorm;
    private final NDArray zeroBias;
    private final List<Layer> layers = new ArrayList<>();
    // Slices of the fused QKV output and the last position, parsed once instead of on every step.
    private final NDIndex qSlice;
    private final NDIndex kSlice;
    private final NDIndex vSlice;
    private static final NDIndex LAST_POSITION = new NDIndex(":, -1, :");

    private boolean countFlops;
    private double flops;

    private record Layer(NDArray norm1, NDArray wqkv, NDArray bqkv, NDArray wo, NDArray norm2, NDArray w1, NDArray w3,
            NDArray w2) {}

    /** Allocates the weights in {@code manager}; the caller has seeded the engine's generator. */
    SyntheticDecoder(NDManager manager, TorchOps ops, ModelConfig cfg, DType dtype) {
        this.cfg = cfg;
        this.dtype = dtype;
        this.ops = ops;
        int h = cfg.hidden();
        int qkv = h + 2 * cfg.kvHeads() * cfg.headDim();
        embedding = random(manager, new Shape(cfg.vocab(), h));
        embeddingT = embedding.transpose();
        for (int i = 0; i < cfg.layers(); i++) {
            NDArray wqkv = random(manager, new Shape(h, qkv));
            NDArray wo = random(manager, new Shape(h, h));
            NDArray w1 = random(manager, new Shape(h, cfg.ffn()));
            NDArray w3 = cfg.gated() ? random(manager, new Shape(h, cfg.ffn())) : null;
            NDArray w2 = random(manager, new Shape(cfg.ffn(), h));
            // drawn after the GPT-style weights, so those stay the same for the same seed
            NDArray bqkv = cfg.family().qkvBias() ? random(manager, new Shape(qkv)) : null;
            layers.add(new Layer(ones(manager, h), wqkv, bqkv, wo, ones(manager, h), w1, w3, w2));
        }
        finalNorm = ones(manager, h);
        zeroBias = constant(manager, h, 0f);
        lmHeadT = cfg.family().tiedEmbeddings() ? embeddingT : random(manager, new Shape(cfg.vocab(), h)).transpose();
        int nh = cfg.heads();
        int nkv = cfg.kvHeads();
        qSlice = new NDIndex(":, :, 0:" + nh);
        kSlice = new NDIndex(":, :, " + nh + ":" + (nh + nkv));
        vSlice = new NDIndex(":, :, " + (nh + nkv) + ":");
    }

    /** Seed for a model: the backend seed mixed with a stable hash of the model name. */
    static int seedFor(long backendSeed, String modelName) {
        long x = backendSeed * 0x9E3779B97F4A7C15L + modelName.hashCode();
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return (int) x;
    }

    /** Seeds libtorch's generator (all devices). */
    static void seed(int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
    }

    ModelConfig config() {
        return cfg;
    }

    DType dtype() {
        return dtype;
    }

    /** Seeded random array in the model's dtype, {@code N(0, std)}. */
    NDArray random(NDManager manager, Shape shape, float std) {
        try (NDArray f = manager.randomNormal(0f, std, shape, DataType.FLOAT32)) {
            return ops.cast(f, dtype);
        }
    }

    private NDArray random(NDManager manager, Shape shape) {
        return random(manager, shape, INIT_STD);
    }

    private NDArray ones(NDManager manager, int n) {
        return constant(manager, n, 1f);
    }

    private NDArray constant(NDManager manager, int n, float v) {
        try (NDArray f = manager.full(new Shape(n), v, DataType.FLOAT32)) {
            return ops.cast(f, dtype);
        }
    }

    /**
     * One forward pass. All intermediates and the result are attached to {@code step}.
     *
     * @param ids token ids {@code [b, s]} (int64)
     * @param mask additive causal mask {@code [s, s]} in the model dtype, or {@code null} (decode)
     * @param cache the KV cache the new tokens' keys and values are written into, in place, at its
     *     {@link KvCache#length()} and attended over with the positions before them; or {@code null} (a prefill
     *     without cache). The caller moves the cache's length on (or not) after the pass
     * @param rope {@code {cos, sin}} of the new tokens' positions ({@link #ropeTables}), or {@code null} when the
     *     family has no rotary embeddings
     * @return logits of the last position, {@code [b, vocab]}
     */
    NDArray forward(NDManager step, NDArray ids, NDArray mask, KvCache cache, NDArray[] rope) {
        long b = ids.getShape().get(0);
        long s = ids.getShape().get(1);
        NDArray x = own(step, embedding.get(ids)); // [b, s, h]
        x = x.reshape(b * s, cfg.hidden());
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            NDArray a = attention(step, norm(x, l.norm1()), l, b, s, mask, cache, i, rope);
            x = x.add(a);
            x = x.add(ffn(norm(x, l.norm2()), l));
        }
        NDArray last = x.reshape(b, s, cfg.hidden()).get(LAST_POSITION); // [b, h]
        return mm(norm(last, finalNorm), lmHeadT);
    }

    private NDArray attention(NDManager step, NDArray x, Layer l, long b, long s, NDArray mask, KvCache cache,
            int layer, NDArray[] rope) {
        int h = cfg.hidden();
        int nh = cfg.heads();
        int nkv = cfg.kvHeads();
        int dh = cfg.headDim();
        NDArray projected = mm(x, l.wqkv());
        if (l.bqkv() != null) {
            projected = projected.add(l.bqkv());
        }
        NDArray qkv = projected.reshape(b, s, nh + 2L * nkv, dh);
        NDArray q = qkv.get(qSlice).transpose(0, 2, 1, 3); // [b, nh, s, dh]
        NDArray k = qkv.get(kSlice).transpose(0, 2, 1, 3); // [b, nkv, s, dh]
        NDArray v = qkv.get(vSlice).transpose(0, 2, 1, 3);
        if (rope != null) {
            q = applyRope(q, rope[0], rope[1]);
            k = applyRope(k, rope[0], rope[1]);
        }
        if (cache != null) {
            // write the new tokens' keys and values into the cache in place, attend over everything up to them
            int keys = cache.length() + (int) s;
            cache.write(layer, k, v);
            k = own(step, cache.keys(layer, keys));
            v = own(step, cache.values(layer, keys));
        }
        if (nkv < nh) {
            k = k.repeat(1, nh / nkv);
            v = v.repeat(1, nh / nkv);
        }
        NDArray scores = mm(q, k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(dh)); // [b, nh, s, keys]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray probs = ops.softmax(scores, -1);
        NDArray ctx = mm(probs, v).transpose(0, 2, 1, 3).reshape(b * s, h); // [b·s, h]
        return mm(ctx, l.wo());
    }

    private NDArray ffn(NDArray x, Layer l) {
        NDArray up = mm(x, l.w1());
        NDArray act;
        if (cfg.gated()) {
            act = up.mul(Activation.sigmoid(up)).mul(mm(x, l.w3())); // SiLU(x·W1) * x·W3
        } else {
            act = Activation.gelu(up);
        }
        return mm(act, l.w2());
    }

    private NDArray norm(NDArray x, NDArray weight) {
        if (cfg.family().norm() == ModelConfig.Norm.RMS) {
            return rmsNorm(x, weight, NORM_EPS);
        }
        NDList out = x.getNDArrayInternal().layerNorm(x, new Shape(cfg.hidden()), weight, zeroBias, NORM_EPS);
        return out.singletonOrThrow();
    }

    /** RMSNorm over the last axis: {@code x / sqrt(mean(x²) + eps) · weight}. */
    static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.div(rms).mul(weight);
    }

    /**
     * Rotary position embeddings (rotate-half convention, as Llama's reference code and Hugging Face apply them): with
     * {@code x = [x1, x2]} split in halves on the last axis, {@code x·cos + [-x2, x1]·sin}.
     *
     * @param x {@code [b, heads, s, headDim]}
     * @param cos {@code [s, headDim]} ({@link #ropeTables})
     * @param sin likewise
     */
    static NDArray applyRope(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(x.getShape().dimension() - 1) / 2;
        NDArray x1 = x.get(new NDIndex("..., :" + half));
        NDArray x2 = x.get(new NDIndex("..., " + half + ":"));
        NDArray rotated = x2.neg().concat(x1, -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /**
     * The cosines and sines of the rotary embeddings of positions {@code offset .. offset + length - 1}, each
     * {@code [length, headDim]} in the model's dtype: angle {@code p · theta^(-2i/headDim)} for {@code i <
     * headDim/2}, repeated for the two halves. Made once per session (the positions of a point never change).
     */
    NDArray[] ropeTables(NDManager manager, int offset, int length) {
        int dh = cfg.headDim();
        int half = dh / 2;
        float[] cos = new float[length * dh];
        float[] sin = new float[length * dh];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (offset + p) * Math.pow(cfg.family().ropeTheta(), -2.0 * i / dh);
                cos[p * dh + i] = cos[p * dh + i + half] = (float) Math.cos(angle);
                sin[p * dh + i] = sin[p * dh + i + half] = (float) Math.sin(angle);
            }
        }
        // Not closed here: an array made from Java memory is a view of that memory, and a cast to the dtype it
        // already has returns the same storage, which closing the source would free. They live as long as manager.
        NDArray c = manager.create(cos, new Shape(length, dh));
        NDArray s = manager.create(sin, new Shape(length, dh));
        return new NDArray[] {ops.cast(c, dtype), ops.cast(s, dtype)};
    }

    /** Matrix product; when counting, adds {@code 2·(batch dims)·m·k·n} from the actual shapes. */
    NDArray mm(NDArray a, NDArray b) {
        NDArray c = a.matMul(b);
        if (countFlops) {
            Shape out = c.getShape();
            long k = a.getShape().get(a.getShape().dimension() - 1);
            flops += 2.0 * out.size() * k;
        }
        return c;
    }

    /** Results whose first operand is a session array land in the session manager; move them to the step's. */
    private static NDArray own(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    /** Starts counting matrix-product FLOPs from zero. */
    void startCountingFlops() {
        countFlops = true;
        flops = 0;
    }

    /** FLOPs counted since {@link #startCountingFlops()}. */
    double countedFlops() {
        return flops;
    }
}
