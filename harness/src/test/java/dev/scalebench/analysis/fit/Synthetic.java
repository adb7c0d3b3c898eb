package dev.scalebench.analysis.fit;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/** Seeded synthetic series with known truth and lognormal noise. */
final class Synthetic {
    static final SeriesKey BATCH = new SeriesKey(Axis.BATCH, "gpt-1m", "fp32", "prefill", 0, 128);
    static final SeriesKey PREFILL = new SeriesKey(Axis.SEQ, "gpt-1m", "fp32", "prefill", 4, 0);
    static final SeriesKey DECODE = new SeriesKey(Axis.SEQ, "gpt-1m", "fp32", "decode", 4, 0);
    static final SeriesKey MODEL = new SeriesKey(Axis.MODEL, "*", "bf16", "decode", 1, 32);

    private Synthetic() {
    }

    /** {@code reps} trials per level, each {@code truth(x)·exp(sigma·z)}. */
    static Series series(SeriesKey key, double[] levels, int reps, double sigma, long seed, DoubleUnaryOperator truth) {
        Random r = new Random(seed);
        double[] x = new double[levels.length * reps];
        double[] y = new double[x.length];
        int k = 0;
        for (double level : levels) {
            for (int j = 0; j < reps; j++) {
                x[k] = level;
                y[k++] = truth.applyAsDouble(level) * Math.exp(sigma * r.nextGaussian());
            }
        }
        return new Series(key, x, y);
    }

    static double[] powers(double from, double factor, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = from * Math.pow(factor, i);
        }
        return v;
    }
}
