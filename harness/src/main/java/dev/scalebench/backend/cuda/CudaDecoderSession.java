package dev.scalebench.backend.cuda;

import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.Session;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;

/**
 * A prefill or decode point on the GPU: one {@link CudaDecoder} pass per step.
 *
 * <p>Prefill: the {@code batch × seq} prompt, no KV cache. Decode: each layer's cache holds {@code seq + 1}
 * positions, the first {@code seq} drawn at open; a step writes the new token's K and V at position {@code seq}
 * (where its rotary embedding puts it, as in the DJL backend) and attends over all {@code seq + 1}, so every step
 * measures the same context (the DJL backend concatenates instead; the arithmetic is the same).
 *
 * <p>A step queues every kernel on the context's default stream between two CUDA events, then waits for the stop
 * event: {@link #lastDeviceNanos()} is the device time, and the host clock around {@link #step()} includes it.
 */
final class CudaDecoderSession implements Session {

    private final CudaDecoder decoder;
    private final boolean prefill;
    private final int seq;
    private long lastDeviceNanos = -1;

    private CudaDecoderSession(CudaDecoder decoder, boolean prefill, int seq) {
        this.decoder = decoder;
        this.prefill = prefill;
        this.seq = seq;
    }

    /** Builds the point on the device; on any failure everything allocated so far is freed. */
    static CudaDecoderSession open(CudaBackend backend, SweepPoint point) throws BackendException {
        boolean prefill = point.phase() == Phase.PREFILL;
        int seq = point.seq();
        CudaDecoder d = prefill ? CudaDecoder.open(backend, point, seq, CudaDecoder.Cache.NONE, 0)
                : CudaDecoder.open(backend, point, 1, CudaDecoder.Cache.RANDOM, seq + 1);
        return new CudaDecoderSession(d, prefill, seq);
    }

    @Override
    public void step() throws BackendException {
        lastDeviceNanos = -1;
        lastDeviceNanos = prefill ? decoder.run(seq, 0, true) : decoder.run(1, seq, false);
    }

    @Override
    public long lastDeviceNanos() {
        return lastDeviceNanos;
    }

    /** Runs one step and returns the logits {@code [batch, vocab]} as fp32 (tests). */
    float[] stepOutput() throws BackendException {
        step();
        return decoder.logits();
    }

    /** The session's ids, weights and caches on the host (tests; small models only). */
    DecoderTensors.HostCopy download() {
        return decoder.download();
    }

    /** Device bytes this session holds. */
    long deviceBytes() {
        return decoder.deviceBytes();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
