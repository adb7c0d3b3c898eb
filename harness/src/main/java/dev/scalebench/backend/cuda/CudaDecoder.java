package dev.scalebench.backend.cuda;

import dev.scalebench.backend.BackendException;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.EventTimer;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.kernels.ops.RopeTable;
import dev.scalebench.plan.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * A synthetic decoder on the GPU, the same model as the DJL backend's {@code SyntheticDecoder}, in either family of
 * {@link ModelConfig.Family}. Per layer: the norm (GPT-style: LayerNorm with unit weight and no bias; Llama family:
 * RMSNorm), fused QKV projection (plus Qwen2's Q/K/V bias, {@code bias_add}), rotary position embeddings on Q and K
 * when the family has them ({@code rope}, rotate-half, the preset's theta), causal grouped-query attention, output
 * projection with the residual add fused into the GEMM, the norm, FFN (gated: {@code SiLU(x·W1)·(x·W3)} with W1 and W3
 * in one GEMM; else {@code GELU(x·W1)}), down projection with the residual fused; then the final norm and the LM head
 * (the embedding when tied, a {@code [vocab, hidden]} matrix of its own otherwise) on the last position of each
 * sequence. Weights, token ids and the KV cache are {@link DecoderTensors}; the rotary table ({@link RopeTable}) is
 * made on the host once, for every position the decoder will see.
 *
 * <p>A pass ({@link #run}) queues every kernel on the context's default stream between two CUDA events and waits for
 * the stop event; it returns the device time. Its tokens sit at positions {@code pos .. pos + tokens − 1}: a prompt
 * ({@code pos = 0}) runs flash attention over its own tokens and, when the decoder has a cache, writes their keys and
 * values into it; a decode token ({@code tokens = 1}) is appended at {@code pos} and attends over positions
 * {@code [0, pos]} of the cache.
 */
final class CudaDecoder implements AutoCloseable {

    /** What the decoder's KV cache holds when it opens. */
    enum Cache {
        /** No cache (a prefill point). */
        NONE,
        /** {@code N(0, 1)} values, drawn in the weights' order (a decode point: the context is synthetic). */
        RANDOM,
        /** Nothing yet: a generation's prefill writes it before anything reads it. */
        EMPTY
    }

    private static final float NORM_EPS = 1e-5f;

    private final CudaBackend backend;
    private final Kernels k;
    private final KernelDType t;
    private final CudaStream stream;
    private final EventTimer timer;
    private final ModelConfig cfg;
    private final int batch;
    private final int maxTokens;
    private final int cacheLen; // positions of the KV cache; 0 without one
    private final int positions; // rows of the rotary table
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private DecoderTensors model;
    private DeviceBuffer ropeTable;
    private DeviceBuffer x;
    private DeviceBuffer xn;
    private DeviceBuffer qkv;
    private DeviceBuffer attn;
    private DeviceBuffer hidden;
    private DeviceBuffer act;
    private DeviceBuffer last;
    private DeviceBuffer logits;
    private DeviceBuffer workspace; // decode attention's split over the context
    private DeviceBuffer gemmWorkspace; // split-K of GEMMs whose tiles alone leave SMs idle (small batch × tokens)
    private boolean closed;

    /**
     * Builds the decoder of {@code point} on the device and waits for the fills; on any failure everything allocated
     * so far is freed.
     *
     * @param maxTokens the most tokens per sequence a pass will run
     * @param cacheLen positions of the KV cache (0 with {@link Cache#NONE}); also the rows of the rotary table,
     *     which otherwise covers {@code maxTokens}
     */
    static CudaDecoder open(CudaBackend backend, SweepPoint point, int maxTokens, Cache cache, int cacheLen)
            throws BackendException {
        CudaDecoder d = new CudaDecoder(backend, point, maxTokens, cache == Cache.NONE ? 0 : cacheLen);
        try {
            d.allocate(cache);
            d.stream.synchronize(); // the fills are done before the first timed pass
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw backend.failure("cannot prepare " + point.id(), e);
        }
    }

    private CudaDecoder(CudaBackend backend, SweepPoint point, int maxTokens, int cacheLen) {
        this.backend = backend;
        this.k = backend.kernels();
        this.t = dtype(point.dtype());
        this.stream = backend.context().defaultStream();
        this.timer = backend.context().newTimer(stream);
        this.cfg = point.model().decoder();
        this.batch = point.batch();
        this.maxTokens = maxTokens;
        this.cacheLen = cacheLen;
        this.positions = Math.max(maxTokens, cacheLen);
    }

    static KernelDType dtype(DType d) {
        return switch (d) {
            case FP32 -> KernelDType.F32;
            case FP16 -> KernelDType.F16;
            case BF16 -> KernelDType.BF16;
        };
    }

    private int qkvWidth() {
        return cfg.hidden() + 2 * cfg.kvHeads() * cfg.headDim();
    }

    private int ffnOut() {
        return cfg.gated() ? 2 * cfg.ffn() : cfg.ffn();
    }

    private void allocate(Cache cache) {
        int h = cfg.hidden();
        long m = (long) batch * maxTokens;
        long cacheElements = (long) batch * cfg.kvHeads() * cacheLen * cfg.headDim();
        model = new DecoderTensors(k, t, stream, cfg, Seeds.model(backend.seed(), cfg.name()), m, cache,
                cacheElements, bytes -> track(backend.context().allocate(bytes)));
        if (cfg.family().rope()) {
            ropeTable = track(backend.context().allocate(4L * positions * cfg.headDim()));
            ropeTable.copyFrom(RopeTable.of(cfg.family().ropeTheta(), cfg.headDim(), positions));
        }
        x = activation(m * h);
        xn = activation(m * h);
        qkv = activation(m * qkvWidth());
        attn = activation(m * h);
        hidden = activation(m * ffnOut());
        act = cfg.gated() ? activation(m * cfg.ffn()) : hidden;
        last = activation((long) batch * h);
        logits = activation((long) batch * cfg.vocab());
        long gws = k.gemmWorkspaceBytes(t, batch, cfg.vocab(), h);
        for (int rows : cacheLen > 0 ? new int[] {(int) m, batch} : new int[] {(int) m}) {
            gws = Math.max(gws, Math.max(Math.max(k.gemmWorkspaceBytes(t, rows, qkvWidth(), h),
                    k.gemmWorkspaceBytes(t, rows, h, h)), Math.max(k.gemmWorkspaceBytes(t, rows, ffnOut(), h),
                    k.gemmWorkspaceBytes(t, rows, h, cfg.ffn()))));
        }
        gemmWorkspace = gws > 0 ? track(backend.context().allocate(gws)) : null;
        if (cacheLen > 0) {
            long ws = k.decodeWorkspaceBytes(t, batch, cfg.heads(), cfg.headDim(), cacheLen);
            workspace = ws > 0 ? track(backend.context().allocate(ws)) : null;
        }
    }

    private DeviceBuffer track(DeviceBuffer b) {
        buffers.add(b);
        return b;
    }

    private DeviceBuffer activation(long elements) {
        return track(backend.context().allocate(elements * t.bytes()));
    }

    /**
     * One timed pass over {@code tokens} tokens per sequence at positions {@code pos ..}: a prompt when
     * {@code prompt} (needs {@code pos = 0}), else one decode token. Waits for the device.
     *
     * @return the device time of the pass, nanoseconds
     * @throws BackendException when the device fails; the decoder is then closed (its memory released)
     */
    long run(int tokens, int pos, boolean prompt) throws BackendException {
        if (closed) {
            throw new IllegalStateException("the decoder of this session is closed");
        }
        try {
            timer.start();
            forward(tokens, pos, prompt);
            timer.stop();
            return timer.elapsedNanos(); // waits for the stop event: the device has finished the pass
        } catch (CudaException e) {
            BackendException b = backend.failure("step failed", e);
            close(); // release the device memory before the runner moves on
            throw b;
        }
    }

    /** Queues one forward pass on the stream. */
    private void forward(int tokens, int pos, boolean prompt) {
        if (tokens > maxTokens || (prompt ? pos != 0 : tokens != 1 || pos >= cacheLen)) {
            throw new IllegalArgumentException("a pass of " + tokens + " tokens at position " + pos + " ("
                    + (prompt ? "prompt" : "decode") + ") outside this decoder: up to " + maxTokens
                    + " tokens, cache of " + cacheLen);
        }
        int h = cfg.hidden();
        int nh = cfg.heads();
        int nkv = cfg.kvHeads();
        int dh = cfg.headDim();
        int q = qkvWidth();
        int m = batch * tokens;
        float scale = (float) (1.0 / Math.sqrt(dh));
        k.embedding(stream, t, model.ids.pointer(), model.embedding.pointer(), x.pointer(), m, h);
        for (DecoderTensors.Layer l : model.layers) {
            norm(x.pointer(), l.norm1(), xn, m, h);
            k.gemmNt(stream, t, xn.pointer(), l.wqkv().pointer(), qkv.pointer(), m, q, h, h, h, q, 1f, 0f, gemmWs());
            if (l.bqkv() != null) {
                k.biasAdd(stream, t, qkv.pointer(), l.bqkv().pointer(), m, q, q);
            }
            if (ropeTable != null) {
                k.rope(stream, t, qkv.pointer(), ropeTable.pointer(), positions, batch, tokens, nh, nkv, dh, q, pos);
            }
            if (prompt) {
                if (l.kCache() != null) {
                    k.kvAppend(stream, t, qkv.pointer(), l.kCache().pointer(), l.vCache().pointer(), batch, tokens, nh,
                            nkv, dh, q, 0, cacheLen);
                }
                k.attentionPrefill(stream, t, qkv.pointer(), attn.pointer(), batch, tokens, nh, nkv, dh, q, h, scale,
                        true);
            } else {
                k.kvAppend(stream, t, qkv.pointer(), l.kCache().pointer(), l.vCache().pointer(), batch, nh, nkv, dh, q,
                        pos, cacheLen);
                k.attentionDecode(stream, t, qkv.pointer(), l.kCache().pointer(), l.vCache().pointer(), attn.pointer(),
                        workspace == null ? null : workspace.pointer(), batch, nh, nkv, dh, q, h, pos + 1, cacheLen,
                        scale);
            }
            k.gemmNt(stream, t, attn.pointer(), l.wo().pointer(), x.pointer(), m, h, h, h, h, h, 1f, 1f, gemmWs());
            norm(x.pointer(), l.norm2(), xn, m, h);
            k.gemmNt(stream, t, xn.pointer(), l.w13().pointer(), hidden.pointer(), m, ffnOut(), h, h, h, ffnOut(), 1f,
                    0f, gemmWs());
            if (cfg.gated()) {
                k.siluMul(stream, t, hidden.pointer(), act.pointer(), m, cfg.ffn());
            } else {
                k.gelu(stream, t, hidden.pointer(), act.pointer(), (long) m * cfg.ffn());
            }
            k.gemmNt(stream, t, act.pointer(), l.w2().pointer(), x.pointer(), m, h, cfg.ffn(), cfg.ffn(), cfg.ffn(), h,
                    1f, 1f, gemmWs());
        }
        // Final norm of the last position of each sequence (row stride tokens·h), then the LM head.
        long lastRow = (long) (tokens - 1) * h * t.bytes();
        CUdeviceptr lastRows = lastRow == 0 ? x.pointer() : x.pointer(lastRow);
        if (cfg.family().norm() == ModelConfig.Norm.RMS) {
            k.rmsNorm(stream, t, lastRows, model.finalNorm.pointer(), last.pointer(), batch, h, tokens * h,
                    NORM_EPS);
        } else {
            k.layerNorm(stream, t, lastRows, model.finalNorm.pointer(), null, last.pointer(), batch, h, tokens * h,
                    NORM_EPS);
        }
        k.gemmNt(stream, t, last.pointer(), model.lmHead.pointer(), logits.pointer(), batch, cfg.vocab(), h, h, h,
                cfg.vocab(), 1f, 0f, gemmWs());
    }

    private void norm(CUdeviceptr in, DeviceBuffer weight, DeviceBuffer out, int rows, int h) {
        if (cfg.family().norm() == ModelConfig.Norm.RMS) {
            k.rmsNorm(stream, t, in, weight.pointer(), out.pointer(), rows, h, h, NORM_EPS);
        } else {
            k.layerNorm(stream, t, in, weight.pointer(), null, out.pointer(), rows, h, h, NORM_EPS);
        }
    }

    private CUdeviceptr gemmWs() {
        return gemmWorkspace == null ? null : gemmWorkspace.pointer();
    }

    /** The logits {@code [batch, vocab]} of the last pass as fp32 (tests). */
    float[] logits() {
        return model.host(logits);
    }

    /** The decoder's token ids, weights and caches on the host, for checking a pass against a reference (tests). */
    DecoderTensors.HostCopy download() {
        return model.download();
    }

    /** Device bytes this decoder holds. */
    long deviceBytes() {
        return buffers.stream().mapToLong(DeviceBuffer::bytes).sum();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (DeviceBuffer b : buffers) {
                b.close();
            }
            buffers.clear();
            timer.close();
        }
    }
}
