package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.Session;
import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;

/**
 * A synthetic-decoder point: weights, token ids, causal mask (prefill) or KV cache (decode) live in the session's
 * manager; each {@link #step()} runs in a sub-manager that is closed before it returns.
 *
 * <p>Decode: every layer has a {@link KvCache} of {@code seq + 1} positions, the first {@code seq} seeded random
 * (made at open); a step writes the new token's K/V at position {@code seq} in place and attends over all
 * {@code seq + 1}, and the cache's length stays {@code seq}: every step measures the same context. With rotary
 * embeddings the new token sits at position {@code seq}; the tables of its positions are made at open, so a step
 * only applies them. A generate point's session is a {@link GeneratingDecoderSession}.
 *
 * <p>On a GPU with device timing, CUDA events bracket the forward on the default stream PyTorch queues to (the
 * stop event is queued when the forward has queued its last kernel), then the step waits for the output as on
 * the CPU; {@link #lastDeviceNanos()} is the time between the events.
 */
class DecoderSession implements Session {

    final NDManager manager;
    final TorchOps ops;
    final SyntheticDecoder model;
    final NDArray ids; // [b, seq] in prefill and generate (the prompt), [b, 1] in decode
    final NDArray mask; // the prompt's causal mask; null in decode
    private final KvCache cache; // decode only
    final NDArray[] rope; // the rotary tables of ids' positions, null without rotary embeddings
    private final EventTimer timer;
    private long lastDeviceNanos = -1;
    private boolean closed;

    /**
     * Builds the point; on any failure everything allocated so far is released (not {@code timer}: the caller's).
     *
     * @param timer CUDA events around each step's forward (the session closes it), or null without device timing
     */
    static DecoderSession open(NDManager parent, SweepPoint point, long seed, EventTimer timer)
            throws BackendException {
        NDManager manager = parent.newSubManager();
        try {
            if (point.phase() == Phase.GENERATE) {
                return new GeneratingDecoderSession(manager, point, seed, timer);
            }
            return new DecoderSession(manager, point, seed, timer);
        } catch (Throwable t) {
            manager.close();
            throw Failures.map("cannot prepare " + point.id(), t);
        }
    }

    DecoderSession(NDManager manager, SweepPoint point, long seed, EventTimer timer) {
        this.manager = manager;
        this.timer = timer;
        this.ops = new TorchOps(manager);
        ModelConfig cfg = point.model().decoder();
        SyntheticDecoder.seed(SyntheticDecoder.seedFor(seed, cfg.name()));
        this.model = new SyntheticDecoder(manager, ops, cfg, point.dtype());
        boolean prefill = point.phase() != Phase.DECODE; // generate: the prompt's ids, mask and tables
        int b = point.batch();
        int s = prefill ? point.seq() : 1;
        ids = manager.randomInteger(0, cfg.vocab(), new Shape(b, s), DataType.INT64);
        // the new tokens' positions: 0 .. s-1 in prefill; in decode the one after the seq cached tokens
        rope = cfg.family().rope() ? model.ropeTables(manager, prefill ? 0 : point.seq(), s) : null;
        if (prefill) {
            mask = causalMask(s);
            cache = null;
        } else {
            mask = null;
            Shape kvShape = new Shape(b, cfg.kvHeads(), point.seq() + 1L, cfg.headDim());
            cache = KvCache.allocate(cfg.layers(), () -> model.random(manager, kvShape, 1f), 0, 1,
                    point.seq());
        }
    }

    /** Additive mask {@code [s, s]}: 0 on and below the diagonal, -inf above, in the model dtype. */
    final NDArray causalMask(int s) {
        float[] m = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                m[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        // Not closed: an array made from Java memory is a view of it, and a cast to the dtype it already has
        // (fp32) returns the same storage, which closing the source would free (SyntheticDecoder#ropeTables).
        NDArray f = manager.create(m, new Shape(s, s));
        return ops.cast(f, model.dtype());
    }

    @Override
    public void step() throws BackendException {
        forward(ids, mask, cache, rope);
    }

    /**
     * One timed forward pass in a step manager closed before it returns, waiting for the device; an out-of-memory
     * failure closes the session.
     */
    final void forward(NDArray tokens, NDArray attentionMask, KvCache kv, NDArray[] tables)
            throws BackendException {
        try (NDManager step = manager.newSubManager()) {
            if (timer != null) {
                timer.start();
            }
            NDArray logits = model.forward(step, tokens, attentionMask, kv, tables);
            if (timer != null) {
                timer.stop();
            }
            DeviceSync.await(ops, logits);
            lastDeviceNanos = timer == null ? -1 : timer.elapsedNanos();
        } catch (Throwable t) {
            BackendException e = Failures.map("step failed", t);
            if (e.kind() == FailureKind.OUT_OF_MEMORY) {
                close(); // release the device memory before the runner moves on
            }
            throw e;
        }
    }

    /** The device time of the last step's forward (CUDA events), ns; {@code -1} without device timing. */
    @Override
    public long lastDeviceNanos() {
        return lastDeviceNanos;
    }

    /** Runs one step and returns its last-position logits as fp32 on the host (tests). */
    float[] stepOutput() {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(step, ids, mask, cache, rope);
            return ops.cast(logits, TorchOps.Target.FP32).toFloatArray();
        }
    }

    /** Counts the matrix-product FLOPs of one step (tests). */
    double countStepFlops() {
        model.startCountingFlops();
        try (NDManager step = manager.newSubManager()) {
            model.forward(step, ids, mask, cache, rope);
        }
        return model.countedFlops();
    }

    /** Arrays alive in the session's manager and its sub-managers (leak tests). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ops.close();
            manager.close();
            if (timer != null) {
                timer.close();
            }
        }
    }
}
