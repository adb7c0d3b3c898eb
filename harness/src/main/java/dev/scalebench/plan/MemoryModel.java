package dev.scalebench.plan;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.config.Units;
import java.util.Optional;

/**
 * Estimated device memory of one point, for the feasibility check. With w the bytes per element, L layers,
 * b batch, s the prefill length or S the decode context, h hidden, nkv·dh the KV width, g = 3 gated else 2,
 * V the vocabulary:
 * <ul>
 *   <li>weights = N·w (N = {@link ModelConfig#parameterCount()});</li>
 *   <li>KV cache: decode 2·L·b·(S+1)·nkv·dh·w (keys and values of every layer, context plus the new token);
 *       prefill 0 (one pass; no cache is kept);</li>
 *   <li>activations, the peak of one layer (inference keeps no layer's activations for later): with t new tokens
 *       per sequence (s in prefill, 1 in decode) and k keys (s, or S+1),
 *       w·[b·t·(4h + 2·nkv·dh + g·dff) + 2·b·heads·t·k + b·V] — the hidden state, Q, attention output and
 *       residual (4h), this layer's K and V, the FFN intermediates, the score matrix and its softmax
 *       (the b·heads·s·s term dominates long prefill), and the last position's logits.</li>
 * </ul>
 * A point is feasible when the total fits in {@value #USABLE_FRACTION} of the device memory; the rest is left
 * to the engine's allocator, workspace and fragmentation. A TorchScript point counts its file size as
 * weights and nothing else (its activations are unknown), so it is infeasible only when the file alone does not
 * fit. Unknown device memory (≤ 0) makes every point feasible.
 */
public final class MemoryModel {
    /** Fraction of the device memory the estimate may use. */
    public static final double USABLE_FRACTION = 0.9;

    private MemoryModel() {
    }

    /**
     * Estimated bytes, by part.
     *
     * @param weights model weights
     * @param kvCache KV cache (decode)
     * @param activations peak activations of one layer plus the logits
     */
    public record Estimate(long weights, long kvCache, long activations) {
        public long total() {
            return weights + kvCache + activations;
        }

        /** E.g. {@code 93.1 GiB (weights 26.0 GiB, KV cache 60.0 GiB, activations 7.1 GiB)}. */
        public String describe() {
            return Units.formatBytes(total()) + " (weights " + Units.formatBytes(weights) + ", KV cache "
                    + Units.formatBytes(kvCache) + ", activations " + Units.formatBytes(activations) + ")";
        }
    }

    /** The estimate for a point (see the class comment for the formula): its {@link Workload}'s. */
    public static Estimate estimate(SweepPoint p) {
        return p.workload().memory();
    }

    /** The estimate of a synthetic decoder's point (see the class comment for the formula). */
    static Estimate decoder(ModelConfig m, int bytesPerElement, Phase phase, int batch, int seq) {
        double w = bytesPerElement;
        double b = batch;
        double kvDim = (double) m.kvHeads() * m.headDim();
        boolean decode = phase == Phase.DECODE;
        double t = decode ? 1 : seq;
        double keys = decode ? seq + 1.0 : seq;
        double weights = (double) m.parameterCount() * w;
        double kv = decode ? 2.0 * m.layers() * b * keys * kvDim * w : 0;
        double act = w * (b * t * (4.0 * m.hidden() + 2 * kvDim + (double) m.ffnMatrices() * m.ffn())
                + 2.0 * b * m.heads() * t * keys + b * m.vocab());
        return new Estimate(clamp(weights), clamp(kv), clamp(act));
    }

    /**
     * The estimate of a generate request: the cache is allocated once for {@code seq + output} positions (the prompt
     * and every output token), and the activations are the larger of the prefill's and the last decode step's.
     */
    static Estimate request(ModelConfig m, int bytesPerElement, int batch, int seq, int output) {
        Estimate prefill = decoder(m, bytesPerElement, Phase.PREFILL, batch, seq);
        Estimate last = decoder(m, bytesPerElement, Phase.DECODE, batch, seq + output - 1);
        return new Estimate(prefill.weights(), last.kvCache(), Math.max(prefill.activations(), last.activations()));
    }

    /** Memory the estimate may use on a device with this much memory. */
    public static long usable(long deviceMemoryBytes) {
        return (long) (deviceMemoryBytes * USABLE_FRACTION);
    }

    /**
     * Why the point does not fit, e.g. {@code needs 93.1 GiB (weights 26.0 GiB, KV cache 60.0 GiB,
     * activations 7.1 GiB) > 72.0 GiB usable of 80.0 GiB}; empty when it fits or the memory is unknown (≤ 0).
     */
    public static Optional<String> infeasibility(SweepPoint p, long deviceMemoryBytes) {
        if (deviceMemoryBytes <= 0) {
            return Optional.empty();
        }
        Estimate e = estimate(p);
        long usable = usable(deviceMemoryBytes);
        if (e.total() <= usable) {
            return Optional.empty();
        }
        return Optional.of("needs " + e.describe() + " > " + Units.formatBytes(usable) + " usable of "
                + Units.formatBytes(deviceMemoryBytes));
    }

    private static long clamp(double v) {
        return v >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) v;
    }
}
