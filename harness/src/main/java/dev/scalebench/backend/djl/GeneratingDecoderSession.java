package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.plan.SweepPoint;

/**
 * A generate point on the synthetic decoder ({@link GenerationSession}): {@link #prefill()} rewinds the
 * {@link KvCache} (allocated once, {@code seq + output} positions, zeros) to empty and runs the {@code batch × seq}
 * prompt with its causal mask, writing positions {@code 0 .. seq − 1}; decode step {@code k} runs one token per
 * sequence at position {@code seq + k − 1}, writes its keys and values there in place and attends over
 * {@code seq + k} positions. The rotary tables of every position are made at open. The token fed to each decode
 * step is a fixed seeded id, not the one the previous step's logits would pick: the weights are synthetic, so the
 * text is meaningless, and the arithmetic of a step does not depend on which token it is.
 */
final class GeneratingDecoderSession extends DecoderSession implements GenerationSession {

    private final int output;
    private final int seq;
    private final NDArray nextIds;
    private final NDArray[][] decodeRope; // [k]: the tables of position seq + k - 1, k = 1 .. output - 1
    private final KvCache cache;
    private int next; // the next decode step; output = no request under way

    GeneratingDecoderSession(NDManager manager, SweepPoint point, long seed, EventTimer timer) {
        super(manager, point, seed, timer);
        ModelConfig cfg = point.model().decoder();
        this.output = point.output();
        this.seq = point.seq();
        int b = point.batch();
        // the prompt's ids, mask and rotary tables are the superclass's (it builds them as for a prefill)
        nextIds = manager.randomInteger(0, cfg.vocab(), new Shape(b, 1), DataType.INT64);
        decodeRope = new NDArray[output][];
        for (int k = 1; k < output && cfg.family().rope(); k++) {
            decodeRope[k] = model.ropeTables(manager, seq + k - 1, 1);
        }
        Shape kvShape = new Shape(b, cfg.kvHeads(), (long) seq + output, cfg.headDim());
        cache = KvCache.allocate(cfg.layers(), () -> model.random(manager, kvShape, 0f), seq, 1, 0);
        next = output;
    }

    @Override
    public int outputTokens() {
        return output;
    }

    @Override
    public void prefill() throws BackendException {
        cache.rewind(0);
        forward(ids, mask, cache, rope);
        cache.advance(seq);
        next = 1;
    }

    @Override
    public void decode() throws BackendException {
        if (next >= output) {
            throw new IllegalStateException("decode step " + next + " of a request of " + output
                    + " output tokens (call prefill first)");
        }
        forward(nextIds, null, cache, decodeRope[next]);
        cache.advance(1);
        next++;
    }

    /** One whole request (as {@link GenerationSession#step()}). */
    @Override
    public void step() throws BackendException {
        prefill();
        for (int k = 1; k < output; k++) {
            decode();
        }
    }

    /**
     * The logits (fp32, on the host) of the last pass of a request run to decode step {@code k} (0: the prefill's),
     * through the cache as {@link #prefill()} and {@link #decode()} run it (tests).
     */
    float[] outputAt(int k) {
        cache.rewind(0);
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.forward(step, ids, mask, cache, rope);
            cache.advance(seq);
            for (int i = 1; i <= k; i++) {
                logits = model.forward(step, nextIds, null, cache, decodeRope[i]);
                cache.advance(1);
            }
            return ops.cast(logits, TorchOps.Target.FP32).toFloatArray();
        }
    }

    /**
     * The same logits computed without a cache: one prefill pass over the prompt followed by the {@code k} tokens the
     * decode steps feed, with the causal mask and rotary tables of all {@code seq + k} positions (tests).
     */
    float[] referenceAt(int k) {
        try (NDManager step = manager.newSubManager()) {
            NDArray tokens = ids;
            if (k > 0) {
                tokens = ids.concat(nextIds.repeat(1, k), 1);
                tokens.attach(step);
            }
            NDArray m = causalMask(seq + k);
            m.attach(step);
            NDArray[] tables = rope == null ? null : model.ropeTables(step, 0, seq + k);
            NDArray logits = model.forward(step, tokens, m, null, tables);
            return ops.cast(logits, TorchOps.Target.FP32).toFloatArray();
        }
    }

    /** Positions the cache holds now (tests). */
    int cacheLength() {
        return cache.length();
    }
}
