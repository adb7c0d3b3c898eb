package dev.scalebench.backend.cuda;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensors of a {@link CudaDecoder} that hold the model rather than a pass's intermediates: weights, token ids and
 * the KV cache, made on the device by seeded fills. Weights are {@code [out, in]} from {@code N(0, 0.02)} (the Q/K/V
 * biases too), norm weights 1; a decode point's cache from {@code N(0, 1)}, as the DJL backend draws them.
 *
 * <p>Tensors are numbered in a fixed order for their seeds ({@link Seeds#tensor}): the embedding, per layer wqkv, wo,
 * w13, w2 (and a decode point's two caches), the token ids; then what only the Llama family has (per layer the Q/K/V
 * bias, then the untied LM head), so that a GPT-style model keeps the weights it had before the family existed, and a
 * generate point has its prefill point's weights.
 */
final class DecoderTensors {

    /** One layer; {@code bqkv} is {@code null} without Q/K/V biases, the caches without a KV cache. */
    record Layer(DeviceBuffer norm1, DeviceBuffer wqkv, DeviceBuffer bqkv, DeviceBuffer wo, DeviceBuffer norm2,
            DeviceBuffer w13, DeviceBuffer w2, DeviceBuffer kCache, DeviceBuffer vCache) {}

    /**
     * Host copies as fp32 (tests; small models only).
     *
     * @param lmHead the LM head, {@code [vocab, hidden]} (the embedding when tied)
     * @param layers per layer {@code {wqkv, wo, w13, w2, kCache, vCache, bqkv}} (caches {@code null} without a cache,
     *     {@code bqkv} without Q/K/V biases)
     */
    record HostCopy(int[] ids, float[] embedding, float[] lmHead, List<float[][]> layers) {}

    private static final float INIT_STD = 0.02f;

    private final Kernels k;
    private final KernelDType t;
    private final CudaStream stream;
    private final ModelConfig cfg;
    private final Allocator allocator;
    final List<Layer> layers = new ArrayList<>();
    final DeviceBuffer embedding;
    final DeviceBuffer lmHead;
    final DeviceBuffer finalNorm;
    final DeviceBuffer ids;

    /** Device memory for {@code bytes} bytes, tracked by the decoder that frees it. */
    interface Allocator {
        DeviceBuffer allocate(long bytes);
    }

    /**
     * Allocates and fills (asynchronously, on {@code stream}) every tensor.
     *
     * @param idsCount token ids to draw ({@code batch × the most tokens of a pass})
     * @param cacheElements elements of each layer's K (and V) cache; 0 with {@link CudaDecoder.Cache#NONE}
     */
    DecoderTensors(Kernels k, KernelDType t, CudaStream stream, ModelConfig cfg, long seed, long idsCount,
            CudaDecoder.Cache cache, long cacheElements, Allocator allocator) {
        this.k = k;
        this.t = t;
        this.stream = stream;
        this.cfg = cfg;
        this.allocator = allocator;
        int h = cfg.hidden();
        int q = h + 2 * cfg.kvHeads() * cfg.headDim();
        int ffnOut = cfg.gated() ? 2 * cfg.ffn() : cfg.ffn();
        int tensor = 0;
        embedding = random(cfg.vocab() * (long) h, INIT_STD, seed, tensor++);
        List<DeviceBuffer[]> drawn = new ArrayList<>();
        for (int i = 0; i < cfg.layers(); i++) {
            DeviceBuffer[] w = {random((long) q * h, INIT_STD, seed, tensor++),
                random((long) h * h, INIT_STD, seed, tensor++), random((long) ffnOut * h, INIT_STD, seed, tensor++),
                random((long) h * cfg.ffn(), INIT_STD, seed, tensor++), null, null};
            switch (cache) {
                case RANDOM -> {
                    w[4] = random(cacheElements, 1f, seed, tensor++);
                    w[5] = random(cacheElements, 1f, seed, tensor++);
                }
                case EMPTY -> {
                    w[4] = elements(cacheElements);
                    w[5] = elements(cacheElements);
                }
                case NONE -> { }
            }
            drawn.add(w);
        }
        finalNorm = ones(h);
        ids = allocator.allocate(4 * idsCount);
        k.fillIds(stream, ids.pointer(), idsCount, Seeds.tensor(seed, tensor++), cfg.vocab());
        for (DeviceBuffer[] w : drawn) {
            DeviceBuffer bias = cfg.family().qkvBias() ? random(q, INIT_STD, seed, tensor++) : null;
            layers.add(new Layer(ones(h), w[0], bias, w[1], ones(h), w[2], w[3], w[4], w[5]));
        }
        lmHead = cfg.family().tiedEmbeddings() ? embedding : random(cfg.vocab() * (long) h, INIT_STD, seed, tensor);
    }

    private DeviceBuffer elements(long n) {
        return allocator.allocate(n * t.bytes());
    }

    private DeviceBuffer random(long n, float std, long seed, int tensor) {
        DeviceBuffer b = elements(n);
        k.fillNormal(stream, t, b.pointer(), n, Seeds.tensor(seed, tensor), std);
        return b;
    }

    private DeviceBuffer ones(int n) {
        DeviceBuffer b = elements(n);
        k.fillConst(stream, t, b.pointer(), n, 1f);
        return b;
    }

    /** Copies everything to the host (after the stream has finished). */
    HostCopy download() {
        int[] idsHost = new int[Math.toIntExact(ids.bytes() / 4)];
        ids.copyTo(idsHost);
        List<float[][]> ls = new ArrayList<>();
        for (Layer l : layers) {
            ls.add(new float[][] {host(l.wqkv()), host(l.wo()), host(l.w13()), host(l.w2()), host(l.kCache()),
                host(l.vCache()), host(l.bqkv())});
        }
        float[] e = host(embedding);
        return new HostCopy(idsHost, e, lmHead == embedding ? e : host(lmHead), ls);
    }

    /** A buffer of this model's dtype as fp32 on the host; {@code null} for {@code null}. */
    float[] host(DeviceBuffer b) {
        return b == null ? null : t.read(b, Math.toIntExact(b.bytes() / t.bytes()));
    }
}
