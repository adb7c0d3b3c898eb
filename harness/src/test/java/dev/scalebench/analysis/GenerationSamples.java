package dev.scalebench.analysis;

import dev.scalebench.results.GenerationValues;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Synthetic trials of generate points with known laws: per batch, a TTFT and a TPOT (p50, ns; p99 = 1.2 × p50),
 * a request of {@code output} tokens lasting {@code TTFT + (output − 1)·TPOT}, each trial's figures scaled by its
 * own log-normal noise.
 */
public final class GenerationSamples {

    /** p99 over p50 of every latency. */
    public static final double P99_OVER_P50 = 1.2;

    private GenerationSamples() {
    }

    /**
     * Trials of model {@code model} (fp32, 1M parameters, seq 64) at each of {@code batches} and {@code outputs}.
     *
     * @param ttftNs TTFT p50 by batch, ns
     * @param tpotNs TPOT p50 by batch, ns
     * @param trials trials per point
     * @param noise standard deviation of each trial's log noise (0: exact)
     * @param seed seeds the noise
     */
    public static List<Sample> of(String model, int[] batches, int[] outputs, IntToDoubleFunction ttftNs,
            IntToDoubleFunction tpotNs, int trials, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int o : outputs) {
            for (int b : batches) {
                PointKey k = new PointKey(model, "fp32", "generate", 1_000_000L, b, 64, o);
                for (int r = 0; r < trials; r++) {
                    double ttft = ttftNs.applyAsDouble(b) * Math.exp(noise * rnd.nextGaussian());
                    double tpot = tpotNs.applyAsDouble(b) * Math.exp(noise * rnd.nextGaussian());
                    double e2e = ttft + (o - 1) * tpot;
                    GenerationValues g = new GenerationValues(o, ttft, P99_OVER_P50 * ttft, tpot,
                            P99_OVER_P50 * tpot, tpot, P99_OVER_P50 * tpot);
                    out.add(new Sample(k, "r" + r, e2e, P99_OVER_P50 * e2e, e2e, Double.NaN, List.of(), g));
                }
            }
        }
        return out;
    }
}
