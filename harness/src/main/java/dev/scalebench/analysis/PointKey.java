package dev.scalebench.analysis;

import dev.scalebench.plan.PointId;
import dev.scalebench.plan.Workload;

/**
 * Where a measurement was taken: the factors and levels of one point.
 *
 * @param model model name
 * @param dtype element type ({@code fp32}, {@code bf16}, ...; any label for imported data)
 * @param phase {@code prefill}, {@code decode} or {@code generate}
 * @param params model parameter count, or {@code -1} when unknown (model-size fits then skip the point)
 * @param batch sequences per step
 * @param seq prefill length, decode context length, or a generate request's prompt length
 * @param output output tokens per request of a generate point; 0 for prefill and decode
 */
public record PointKey(String model, String dtype, String phase, long params, int batch, int seq, int output) {

    /** A prefill or decode point. */
    public PointKey(String model, String dtype, String phase, long params, int batch, int seq) {
        this(model, dtype, phase, params, batch, seq, 0);
    }

    /** The same id a sweep gives the point, e.g. {@code gpt-1m/fp32/prefill/b4/s64}. */
    public String id() {
        return new PointId(model, dtype, phase, batch, seq, output).toString();
    }

    /** Tokens processed per step: {@code batch*seq} for prefill, {@code batch} for decode, {@code batch*output} for generate. */
    public long tokensPerStep() {
        return Workload.tokensPerStep(phase, batch, seq, output);
    }
}
