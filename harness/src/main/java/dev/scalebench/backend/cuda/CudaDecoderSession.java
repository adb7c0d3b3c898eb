package dev.scalebench.backend.cuda;

import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.Session;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.EventTimer;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.plan.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * A synthetic-decoder point on the GPU, the same model as the DJL backend's {@code SyntheticDecoder}: per layer
 * LayerNorm (unit weight, no bias), fused QKV projection, causal grouped-query attention, output projection with
 * the residual add fused into the GEMM, LayerNorm, FFN (gated: {@code SiLU(x·W1)·(x·W3)} with W1 and W3 in one
 * GEMM; else {@code GELU(x·W1)}), down projection with the residual fused; then the final LayerNorm and the LM head
 * (tied to the embedding) on the last position of each sequence. Weights are {@code [out, in]}, drawn on the device
 * from {@code N(0, 0.02)}; the decode KV cache from {@code N(0, 1)}, as the DJL backend draws them.
 *
 * <p>Decode: each layer's cache holds {@code seq + 1} positions; a step writes the new token's K and V at position
 * {@code seq} and attends over all {@code seq + 1}, so every step measures the same context (the DJL backend
 * concatenates instead; the arithmetic is the same).
 *
 * <p>A step queues every kernel on the context's default stream between two CUDA events, then waits for the stop
 * event: {@link #lastDeviceNanos()} is the device time, and the host clock around {@link #step()} includes it.
 */
final class CudaDecoderSession implements Session {

    private static final float INIT_STD = 0.02f;
    private static final float NORM_EPS = 1e-5f;

    private final CudaBackend backend;
    private final Kernels k;
    private final KernelDType t;
    private final CudaStream stream;
    private final EventTimer timer;
    private final ModelConfig cfg;
    private final boolean prefill;
    private final int batch;
    private final int tokens; // new tokens per sequence in a step: seq for prefill, 1 for decode
    private final int context; // decode: cached positions (seq); prefill: 0
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    // weights
    private DeviceBuffer embedding;
    private DeviceBuffer finalNorm;
    private final List<Layer> layers = new ArrayList<>();
    // activations
    private DeviceBuffer ids;
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
    private long lastDeviceNanos = -1;
    private boolean closed;

    private record Layer(DeviceBuffer norm1, DeviceBuffer wqkv, DeviceBuffer wo, DeviceBuffer norm2, DeviceBuffer w13,
            DeviceBuffer w2, DeviceBuffer kCache, DeviceBuffer vCache) {}

    /** Builds the point on the device; on any failure everything allocated so far is freed. */
    static CudaDecoderSession open(CudaBackend backend, SweepPoint point) throws BackendException {
        CudaDecoderSession s = new CudaDecoderSession(backend, point);
        try {
            s.allocate(point);
            s.stream.synchronize(); // the fills are done before the first timed step
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw backend.failure("cannot prepare " + point.id(), e);
        }
    }

    private CudaDecoderSession(CudaBackend backend, SweepPoint point) {
        this.backend = backend;
        this.k = backend.kernels();
        this.t = dtype(point.dtype());
        CudaContext ctx = backend.context();
        this.stream = ctx.defaultStream();
        this.timer = ctx.newTimer(stream);
        this.cfg = point.model().decoder();
        this.prefill = point.phase() == Phase.PREFILL;
        this.batch = point.batch();
        this.tokens = prefill ? point.seq() : 1;
        this.context = prefill ? 0 : point.seq();
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

    private void allocate(SweepPoint point) {
        int h = cfg.hidden();
        long m = (long) batch * tokens;
        long seed = Seeds.model(backend.seed(), cfg.name());
        int tensor = 0;
        embedding = weight((long) cfg.vocab() * h, seed, tensor++);
        for (int i = 0; i < cfg.layers(); i++) {
            DeviceBuffer n1 = ones(h);
            DeviceBuffer wqkv = weight((long) qkvWidth() * h, seed, tensor++);
            DeviceBuffer wo = weight((long) h * h, seed, tensor++);
            DeviceBuffer n2 = ones(h);
            DeviceBuffer w13 = weight((long) ffnOut() * h, seed, tensor++);
            DeviceBuffer w2 = weight((long) h * cfg.ffn(), seed, tensor++);
            DeviceBuffer kc = null;
            DeviceBuffer vc = null;
            if (!prefill) {
                long cache = (long) batch * cfg.kvHeads() * (context + 1) * cfg.headDim();
                kc = random(cache, 1f, seed, tensor++);
                vc = random(cache, 1f, seed, tensor++);
            }
            layers.add(new Layer(n1, wqkv, wo, n2, w13, w2, kc, vc));
        }
        finalNorm = ones(h);
        ids = track(backend.context().allocate(4 * m));
        k.fillIds(stream, ids.pointer(), m, Seeds.tensor(seed, tensor++), cfg.vocab());
        x = activation(m * h);
        xn = activation(m * h);
        qkv = activation(m * qkvWidth());
        attn = activation(m * h);
        hidden = activation(m * ffnOut());
        act = cfg.gated() ? activation(m * cfg.ffn()) : hidden;
        last = activation((long) batch * h);
        logits = activation((long) batch * cfg.vocab());
        int h2 = cfg.hidden();
        int mm = (int) m;
        long gws = Math.max(Math.max(k.gemmWorkspaceBytes(t, mm, qkvWidth(), h2), k.gemmWorkspaceBytes(t, mm, h2, h2)),
                Math.max(Math.max(k.gemmWorkspaceBytes(t, mm, ffnOut(), h2), k.gemmWorkspaceBytes(t, mm, h2, cfg.ffn())),
                        k.gemmWorkspaceBytes(t, batch, cfg.vocab(), h2)));
        gemmWorkspace = gws > 0 ? track(backend.context().allocate(gws)) : null;
        if (!prefill) {
            long ws = k.decodeWorkspaceBytes(t, batch, cfg.heads(), cfg.headDim(), context + 1);
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

    private DeviceBuffer weight(long elements, long seed, int tensor) {
        return random(elements, INIT_STD, seed, tensor);
    }

    private DeviceBuffer random(long elements, float std, long seed, int tensor) {
        DeviceBuffer b = activation(elements);
        k.fillNormal(stream, t, b.pointer(), elements, Seeds.tensor(seed, tensor), std);
        return b;
    }

    private DeviceBuffer ones(int n) {
        DeviceBuffer b = activation(n);
        k.fillConst(stream, t, b.pointer(), n, 1f);
        return b;
    }

    @Override
    public void step() throws BackendException {
        try {
            timer.start();
            forward();
            timer.stop();
            lastDeviceNanos = timer.elapsedNanos(); // waits for the stop event: the device has finished the step
        } catch (CudaException e) {
            lastDeviceNanos = -1;
            BackendException b = backend.failure("step failed", e);
            close(); // release the device memory before the runner moves on
            throw b;
        }
    }

    /** Queues one forward pass on the stream. */
    private void forward() {
        int h = cfg.hidden();
        int nh = cfg.heads();
        int nkv = cfg.kvHeads();
        int dh = cfg.headDim();
        int q = qkvWidth();
        int m = batch * tokens;
        float scale = (float) (1.0 / Math.sqrt(dh));
        k.embedding(stream, t, ids.pointer(), embedding.pointer(), x.pointer(), m, h);
        for (Layer l : layers) {
            k.layerNorm(stream, t, x.pointer(), l.norm1().pointer(), null, xn.pointer(), m, h, h, NORM_EPS);
            k.gemmNt(stream, t, xn.pointer(), l.wqkv().pointer(), qkv.pointer(), m, q, h, h, h, q, 1f, 0f, gemmWs());
            if (prefill) {
                k.attentionPrefill(stream, t, qkv.pointer(), attn.pointer(), batch, tokens, nh, nkv, dh, q, h, scale,
                        true);
            } else {
                k.kvAppend(stream, t, qkv.pointer(), l.kCache().pointer(), l.vCache().pointer(), batch, nh, nkv, dh, q,
                        context, context + 1);
                k.attentionDecode(stream, t, qkv.pointer(), l.kCache().pointer(), l.vCache().pointer(), attn.pointer(),
                        workspace == null ? null : workspace.pointer(), batch, nh, nkv, dh, q, h, context + 1,
                        context + 1, scale);
            }
            k.gemmNt(stream, t, attn.pointer(), l.wo().pointer(), x.pointer(), m, h, h, h, h, h, 1f, 1f, gemmWs());
            k.layerNorm(stream, t, x.pointer(), l.norm2().pointer(), null, xn.pointer(), m, h, h, NORM_EPS);
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
        // Final norm of the last position of each sequence (row stride tokens·h), then the tied LM head.
        long lastRow = (long) (tokens - 1) * h * t.bytes();
        k.layerNorm(stream, t, lastRow == 0 ? x.pointer() : x.pointer(lastRow), finalNorm.pointer(), null,
                last.pointer(), batch, h, tokens * h, NORM_EPS);
        k.gemmNt(stream, t, last.pointer(), embedding.pointer(), logits.pointer(), batch, cfg.vocab(), h, h, h,
                cfg.vocab(), 1f, 0f, gemmWs());
    }

    private CUdeviceptr gemmWs() {
        return gemmWorkspace == null ? null : gemmWorkspace.pointer();
    }

    @Override
    public long lastDeviceNanos() {
        return lastDeviceNanos;
    }

    /** Runs one step and returns the logits {@code [batch, vocab]} as fp32 (tests). */
    float[] stepOutput() throws BackendException {
        step();
        return host(logits);
    }

    /**
     * The session's token ids, weights and caches copied to the host as fp32, for checking a step against a host
     * reference (tests; small models only).
     *
     * @param layers per layer {@code {wqkv, wo, w13, w2, kCache, vCache}} (caches {@code null} for prefill)
     */
    record HostCopy(int[] ids, float[] embedding, List<float[][]> layers) {}

    HostCopy download() {
        int[] idsHost = new int[batch * tokens];
        ids.copyTo(idsHost);
        List<float[][]> ls = new ArrayList<>();
        for (Layer l : layers) {
            ls.add(new float[][] {host(l.wqkv()), host(l.wo()), host(l.w13()), host(l.w2()),
                l.kCache() == null ? null : host(l.kCache()), l.vCache() == null ? null : host(l.vCache())});
        }
        return new HostCopy(idsHost, host(embedding), ls);
    }

    private float[] host(DeviceBuffer b) {
        return t.read(b, Math.toIntExact(b.bytes() / t.bytes()));
    }

    /** Device bytes this session holds. */
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
