package dev.scalebench.plan;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;

/**
 * One cell of the design matrix: what a trial measures.
 *
 * @param backend backend name
 * @param device device as the spec names it ({@code auto}, {@code cpu}, {@code gpu:0})
 * @param dtype element type
 * @param phase prefill, decode or generate
 * @param model the model
 * @param batch sequences per step
 * @param seq prefill length, decode context length, or a generate request's prompt length
 * @param output output tokens per request of a generate point (at least 1); 0 for prefill and decode
 */
public record SweepPoint(String backend, String device, DType dtype, Phase phase, ModelSpec model, int batch, int seq,
        int output) {

    public SweepPoint {
        if ((phase == Phase.GENERATE) != (output > 0)) {
            throw new IllegalArgumentException("point " + model.name() + " " + phase.id() + " b" + batch + " s" + seq
                    + ": output " + output + " must be >= 1 for generate and 0 otherwise");
        }
    }

    /** A prefill or decode point. */
    public SweepPoint(String backend, String device, DType dtype, Phase phase, ModelSpec model, int batch, int seq) {
        this(backend, device, dtype, phase, model, batch, seq, 0);
    }

    /**
     * Stable, readable id, e.g. {@code gpt-1m/fp32/prefill/b4/s64}. The same plan always yields the same ids;
     * ids are what the journal, the histogram log and sharding key on.
     */
    public String id() {
        return pointId().toString();
    }

    /** The point's {@link PointId}. */
    public PointId pointId() {
        return new PointId(model.name(), dtype.id(), phase.id(), batch, seq, output);
    }

    /**
     * Tokens processed per step: {@code batch*seq} for prefill, {@code batch} for decode, and the output tokens of a
     * request ({@code batch*output}) for generate.
     */
    public long tokensPerStep() {
        return Workload.tokensPerStep(phase, batch, seq, output);
    }

    /**
     * One forward pass of this point's request as a point of its own: {@code asPhase(PREFILL, seq)} is a generate
     * point's prefill, {@code asPhase(DECODE, seq + k - 1)} its k-th decode step (k = 1 .. output − 1).
     */
    public SweepPoint asPhase(Phase pass, int context) {
        return new SweepPoint(backend, device, dtype, pass, model, batch, context);
    }

    /** What one step costs ({@link ModelKind#workloadOf}); computed on each call. */
    public Workload workload() {
        return ModelKind.workloadOf(this);
    }
}
