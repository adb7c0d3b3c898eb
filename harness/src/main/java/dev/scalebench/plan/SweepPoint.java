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
 * @param phase prefill or decode
 * @param model the model
 * @param batch sequences per step
 * @param seq prefill length, or decode context length
 */
public record SweepPoint(String backend, String device, DType dtype, Phase phase, ModelSpec model, int batch, int seq) {

    /**
     * Stable, readable id, e.g. {@code gpt-1m/fp32/prefill/b4/s64}. The same plan always yields the same ids;
     * ids are what the journal, the histogram log and sharding key on.
     */
    public String id() {
        return pointId().toString();
    }

    /** The point's {@link PointId}. */
    public PointId pointId() {
        return new PointId(model.name(), dtype.id(), phase.id(), batch, seq);
    }

    /** Tokens processed per step: {@code batch*seq} for prefill, {@code batch} for decode. */
    public long tokensPerStep() {
        return Workload.tokensPerStep(phase, batch, seq);
    }

    /** What one step costs ({@link ModelKind#workloadOf}); computed on each call. */
    public Workload workload() {
        return ModelKind.workloadOf(this);
    }
}
