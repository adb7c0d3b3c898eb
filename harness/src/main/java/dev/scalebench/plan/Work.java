package dev.scalebench.plan;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;

/**
 * Analytic work of one step of a synthetic-decoder point (docs/architecture.md, "Workload"): the floating-point
 * operations the model executes and the bytes it must move at least. Used by feasibility, the cost model, the roofline
 * and the summary's achieved GFLOP/s.
 *
 * <p>Counted: every matrix multiplication (2 FLOPs per multiply-add), as executed. Prefill attention
 * computes the full {@code s x s} score matrix and masks it, so it is counted in full ({@code 4·b·s²·h}); a
 * decode step attends over the {@code S} cached tokens plus the new one ({@code 4·b·(S+1)·h}). The LM head
 * runs on the last position of each sequence only ({@code 2·b·h·V}), as a serving engine does. Element-wise
 * work (norms, activations, softmax) is not counted: it is O(b·s·h), negligible next to the matrices.
 *
 * @param flops floating-point operations per step
 * @param bytes minimum bytes read per step: all weights, plus in decode the KV cache
 */
public record Work(double flops, double bytes) {

    /** Work of one step; {@code seq} is the prefill length or the decode context length. */
    public static Work of(ModelConfig m, Phase phase, int batch, int seq, int bytesPerElement) {
        double b = batch;
        double h = m.hidden();
        double kvDim = (double) m.kvHeads() * m.headDim();
        double newTokens = phase == Phase.PREFILL ? (double) seq : 1.0;
        double keys = phase == Phase.PREFILL ? (double) seq : seq + 1.0;
        double bs = b * newTokens;

        double qkv = 2 * bs * h * (h + 2 * kvDim);
        double out = 2 * bs * h * h;
        double ffn = 2.0 * m.ffnMatrices() * bs * h * m.ffn();
        double attention = 4 * bs * keys * h;
        double lmHead = 2 * b * h * m.vocab();
        double flops = m.layers() * (qkv + out + ffn + attention) + lmHead;

        double weightBytes = (double) m.parameterCount() * bytesPerElement;
        double kvBytes = phase == Phase.DECODE ? m.layers() * 2 * b * seq * kvDim * bytesPerElement : 0;
        return new Work(flops, weightBytes + kvBytes);
    }

    /**
     * Work of one generate request: the prefill of {@code seq} tokens, then {@code output − 1} decode steps, the
     * k-th attending over {@code seq + k} positions. Bytes add up per pass (each re-reads the weights and the cache).
     */
    public static Work ofRequest(ModelConfig m, int batch, int seq, int output, int bytesPerElement) {
        Work w = of(m, Phase.PREFILL, batch, seq, bytesPerElement);
        double flops = w.flops();
        double bytes = w.bytes();
        for (int k = 1; k < output; k++) {
            Work d = of(m, Phase.DECODE, batch, seq + k - 1, bytesPerElement);
            flops += d.flops();
            bytes += d.bytes();
        }
        return new Work(flops, bytes);
    }

    /** Arithmetic intensity in FLOP per byte. */
    public double intensity() {
        return flops / bytes;
    }
}
