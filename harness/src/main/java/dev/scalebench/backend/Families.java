package dev.scalebench.backend;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.plan.SweepPoint;

/**
 * Which model families an engine implements. The {@code djl} synthetic decoder implements both families of
 * {@link ModelConfig}; the {@code cuda} backend's kernels implement the GPT-style family (LayerNorm, no positional
 * encoding, tied LM head) so far, and refuse a preset of the Llama family (RMSNorm, rotary embeddings, untied LM
 * head, Qwen2's Q/K/V biases) as {@link FailureKind#UNSUPPORTED} rather than run it as a model it is not.
 * {@code sim} and {@code plan} take every family: they need only the workload.
 */
public final class Families {

    private Families() {
    }

    /**
     * Refuses a point whose synthetic decoder is not of the GPT-style family.
     *
     * @param backend the engine's name, for the message
     * @throws BackendException {@link FailureKind#UNSUPPORTED}, naming the model, what it needs and what to do
     */
    public static void requireGptStyle(String backend, SweepPoint point) throws BackendException {
        ModelConfig m = point.model().decoder();
        if (m == null || !m.family().beyondGpt()) {
            return;
        }
        ModelConfig.Family f = m.family();
        throw new BackendException(FailureKind.UNSUPPORTED, "model " + m.name() + " needs " + f.norm().id()
                + " norm" + (f.rope() ? ", rotary embeddings (theta " + (long) f.ropeTheta() + ")" : "")
                + (f.tiedEmbeddings() ? "" : ", an untied LM head") + (f.qkvBias() ? ", Q/K/V biases" : "")
                + "; the " + backend + " backend implements the GPT-style family only so far"
                + " (sweep it on backend: djl or sim, or plan it)", null);
    }
}
