package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.Session;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic-decoder point: weights, token ids, causal mask (prefill) or KV cache (decode) live in the session's
 * manager; each {@link #step()} runs in a sub-manager that is closed before it returns.
 *
 * <p>Decode: every layer has a KV cache of {@code seq} tokens (seeded random, made at open); a step appends the
 * new token's K/V by concatenation, so attention covers {@code seq + 1} keys, and the cache is not grown: every
 * step measures the same context.
 */
final class DecoderSession implements Session {

    private final NDManager manager;
    private final TorchOps ops;
    private final SyntheticDecoder model;
    private final NDArray ids;
    private final NDArray mask;
    private final List<NDArray[]> cache;
    private boolean closed;

    /** Builds the point; on any failure everything allocated so far is released. */
    static DecoderSession open(NDManager parent, SweepPoint point, long seed) throws BackendException {
        NDManager manager = parent.newSubManager();
        try {
            return new DecoderSession(manager, point, seed);
        } catch (Throwable t) {
            manager.close();
            throw Failures.map("cannot prepare " + point.id(), t);
        }
    }

    private DecoderSession(NDManager manager, SweepPoint point, long seed) {
        this.manager = manager;
        this.ops = new TorchOps(manager);
        ModelConfig cfg = point.model().decoder();
        SyntheticDecoder.seed(SyntheticDecoder.seedFor(seed, cfg.name()));
        this.model = new SyntheticDecoder(manager, ops, cfg, point.dtype());
        boolean prefill = point.phase() == Phase.PREFILL;
        int b = point.batch();
        int s = prefill ? point.seq() : 1;
        ids = manager.randomInteger(0, cfg.vocab(), new Shape(b, s), DataType.INT64);
        if (prefill) {
            mask = causalMask(s);
            cache = null;
        } else {
            mask = null;
            cache = new ArrayList<>();
            Shape kvShape = new Shape(b, cfg.kvHeads(), point.seq(), cfg.headDim());
            for (int i = 0; i < cfg.layers(); i++) {
                cache.add(new NDArray[] {model.random(manager, kvShape, 1f), model.random(manager, kvShape, 1f)});
            }
        }
    }

    /** Additive mask {@code [s, s]}: 0 on and below the diagonal, -inf above, in the model dtype. */
    private NDArray causalMask(int s) {
        float[] m = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                m[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        try (NDArray f = manager.create(m, new Shape(s, s))) {
            return ops.cast(f, model.dtype());
        }
    }

    @Override
    public void step() throws BackendException {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(step, ids, mask, cache);
            DeviceSync.await(ops, logits);
        } catch (Throwable t) {
            BackendException e = Failures.map("step failed", t);
            if (e.kind() == BackendException.Kind.OUT_OF_MEMORY) {
                close(); // release the device memory before the runner moves on
            }
            throw e;
        }
    }

    /** Runs one step and returns its last-position logits as fp32 on the host (tests). */
    float[] stepOutput() {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(step, ids, mask, cache);
            return ops.cast(logits, TorchOps.Target.FP32).toFloatArray();
        }
    }

    /** Counts the matrix-product FLOPs of one step (tests). */
    double countStepFlops() {
        model.startCountingFlops();
        try (NDManager step = manager.newSubManager()) {
            model.forward(step, ids, mask, cache);
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
        }
    }
}
