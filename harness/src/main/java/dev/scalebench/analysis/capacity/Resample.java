package dev.scalebench.analysis.capacity;

import dev.scalebench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bootstrap resamples of a series' points for {@link CapacityFinder}: each point's trials redrawn with replacement
 * as their (inflated) deviations from the point's mean log values, all quantities of a trial together; a point of
 * one trial draws from the pooled deviations of the points with two or more.
 */
final class Resample {
    private final double[][] mean;
    private final double[][][] dev;
    private final double[][] pool;
    private final int[] size;
    private final SplittableRandom rng;

    /** @param logs per level, per trial, the ln of each quantity; at least one level has two trials */
    Resample(double[][][] logs, SplittableRandom rng) {
        this.rng = rng;
        int levels = logs.length;
        int quantities = logs[0][0].length;
        mean = new double[levels][quantities];
        dev = new double[levels][][];
        size = new int[levels];
        List<double[]> pooled = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            int m = logs[l].length;
            size[l] = m;
            for (double[] t : logs[l]) {
                for (int q = 0; q < quantities; q++) {
                    mean[l][q] += t[q] / m;
                }
            }
            double inflate = Stats.residualInflation(m);
            dev[l] = new double[m][quantities];
            for (int j = 0; j < m; j++) {
                for (int q = 0; q < quantities; q++) {
                    dev[l][j][q] = inflate * (logs[l][j][q] - mean[l][q]);
                }
            }
            if (m > 1) {
                pooled.addAll(Arrays.asList(dev[l]));
            }
        }
        pool = pooled.toArray(double[][]::new);
    }

    /** The next resample's point values, {@code [quantity][level]}: medians over the redrawn trials. */
    double[][] next(int objectives) {
        int levels = mean.length;
        double[][] out = new double[objectives + 1][levels];
        for (int l = 0; l < levels; l++) {
            int m = size[l];
            double[][] from = m > 1 ? dev[l] : pool;
            double[][] drawn = new double[m][];
            for (int j = 0; j < m; j++) {
                drawn[j] = from[rng.nextInt(from.length)];
            }
            double[] v = new double[m];
            for (int q = 0; q <= objectives; q++) {
                for (int j = 0; j < m; j++) {
                    v[j] = Math.exp(mean[l][q] + drawn[j][q]);
                }
                Arrays.sort(v);
                out[q][l] = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
            }
        }
        return out;
    }
}
