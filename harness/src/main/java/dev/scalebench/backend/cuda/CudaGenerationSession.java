package dev.scalebench.backend.cuda;

import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.GenerationSession;
import dev.scalebench.plan.SweepPoint;

/**
 * A generate point on the GPU ({@link GenerationSession}): one request is a prefill of the {@code batch × seq}
 * prompt, then {@code output − 1} decode steps, on one {@link CudaDecoder} whose KV cache is allocated once, at
 * open, for {@code seq + output} positions and grows in place.
 *
 * <p>{@link #prefill()} runs the prompt at positions {@code 0 .. seq − 1}, writing their keys and values into the
 * cache (which resets it: nothing before is read again), and the LM head on the last position. Decode step
 * {@code k} ({@code 1 .. output − 1}) runs one token per sequence at position {@code seq + k − 1}: its rotary
 * embedding, its K and V appended there, attention over the {@code seq + k} positions {@code [0, seq + k − 1]}. Each
 * call is timed by CUDA events and waits for the device; {@link #lastDeviceNanos()} is that call's device time, and
 * after {@link #step()} (a whole request) the request's.
 */
final class CudaGenerationSession implements GenerationSession {

    private final CudaDecoder decoder;
    private final int seq;
    private final int output;
    private int next; // the next decode step, 1 .. output - 1; 0 before the first prefill
    private long lastDeviceNanos = -1;

    private CudaGenerationSession(CudaDecoder decoder, int seq, int output) {
        this.decoder = decoder;
        this.seq = seq;
        this.output = output;
    }

    /** Builds the point on the device; on any failure everything allocated so far is freed. */
    static CudaGenerationSession open(CudaBackend backend, SweepPoint point) throws BackendException {
        int seq = point.seq();
        int output = point.output();
        return new CudaGenerationSession(CudaDecoder.open(backend, point, seq, CudaDecoder.Cache.EMPTY, seq + output),
                seq, output);
    }

    @Override
    public int outputTokens() {
        return output;
    }

    @Override
    public void prefill() throws BackendException {
        lastDeviceNanos = -1;
        next = 0;
        lastDeviceNanos = decoder.run(seq, 0, true);
        next = 1;
    }

    @Override
    public void decode() throws BackendException {
        if (next == 0) {
            throw new IllegalStateException("decode before prefill: a request of " + output
                    + " output tokens starts with prefill");
        }
        if (next >= output) {
            throw new IllegalStateException("decode step " + next + " of a request of " + output + " output tokens"
                    + " (at most " + (output - 1) + " after its prefill); call prefill to start the next request");
        }
        lastDeviceNanos = -1;
        lastDeviceNanos = decoder.run(1, seq + next - 1, false);
        next++;
    }

    /** One whole request; {@link #lastDeviceNanos()} is then the device time of all its calls together. */
    @Override
    public void step() throws BackendException {
        prefill();
        long total = lastDeviceNanos;
        for (int i = 1; i < output; i++) {
            decode();
            total += lastDeviceNanos;
        }
        lastDeviceNanos = total;
    }

    @Override
    public long lastDeviceNanos() {
        return lastDeviceNanos;
    }

    /** The logits {@code [batch, vocab]} of the last call as fp32 (tests). */
    float[] logits() {
        return decoder.logits();
    }

    /** The session's ids, weights and cache on the host (tests; small models only). */
    DecoderTensors.HostCopy download() {
        return decoder.download();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
