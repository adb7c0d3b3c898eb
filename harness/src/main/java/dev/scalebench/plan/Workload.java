package dev.scalebench.plan;

import dev.scalebench.config.Phase;

/**
 * What one step of a point costs, computed once at plan time by the point's {@link ModelKind} and stored per point
 * in {@code run.json}: the planner's feasibility check and cost model, the summary's GFLOP/s and GB/s, the
 * roofline and the model-size fits all read it here, and none of them asks what kind of model the point runs.
 * A figure the model kind cannot count is {@value #UNKNOWN} (a TorchScript model's FLOPs and parameters).
 *
 * @param tokensPerStep tokens one step processes: {@code batch·seq} in prefill, {@code batch} in decode; in generate,
 *     where the step is a whole request, the output tokens it produces, {@code batch·output}
 * @param parameters the model's parameter count, or {@value #UNKNOWN}
 * @param flopsPerStep floating-point operations per step (counted as {@link Work} documents), or {@value #UNKNOWN}
 * @param bytesPerStep minimum bytes a step moves (all weights, plus the KV cache in decode), or {@value #UNKNOWN}
 * @param memory estimated device memory of the point, by part ({@link MemoryModel})
 * @param layers transformer layers (what the cost model's per-layer overhead counts), 0 when unknown
 */
public record Workload(long tokensPerStep, long parameters, double flopsPerStep, double bytesPerStep,
        MemoryModel.Estimate memory, int layers) {

    /** The value of a figure that is not known. */
    public static final int UNKNOWN = -1;

    public Workload {
        if (tokensPerStep < 1) {
            throw new IllegalArgumentException("tokens per step " + tokensPerStep + " must be >= 1");
        }
        if (memory == null) {
            memory = new MemoryModel.Estimate(0, 0, 0);
        }
    }

    /**
     * Tokens one step processes: {@code batch·seq} in prefill, {@code batch} in decode, {@code batch·output} in
     * generate (the output tokens of one request).
     */
    public static long tokensPerStep(Phase phase, int batch, int seq, int output) {
        return switch (phase) {
            case PREFILL -> (long) batch * seq;
            case DECODE -> batch;
            case GENERATE -> (long) batch * Math.max(output, 1);
        };
    }

    /** As {@link #tokensPerStep(Phase, int, int, int)} for a prefill or decode point. */
    public static long tokensPerStep(Phase phase, int batch, int seq) {
        return tokensPerStep(phase, batch, seq, 0);
    }

    /** As {@link #tokensPerStep(Phase, int, int, int)} for a phase as files spell it; an unknown label steps once. */
    public static long tokensPerStep(String phaseId, int batch, int seq, int output) {
        Phase p = Phase.parse(phaseId);
        return tokensPerStep(p == null ? Phase.DECODE : p, batch, seq, output);
    }

    /** As {@link #tokensPerStep(String, int, int, int)} without an output length. */
    public static long tokensPerStep(String phaseId, int batch, int seq) {
        return tokensPerStep(phaseId, batch, seq, 0);
    }

    /** Whether FLOPs and bytes per step are known (the roofline and GFLOP/s need them). */
    public boolean knowsWork() {
        return flopsPerStep >= 0 && bytesPerStep > 0;
    }

    /** Whether the parameter count is known (model-size fits need it). */
    public boolean knowsParameters() {
        return parameters >= 0;
    }

    /** Arithmetic intensity in FLOP per byte, or NaN when the work is unknown. */
    public double intensity() {
        return knowsWork() ? flopsPerStep / bytesPerStep : Double.NaN;
    }
}
