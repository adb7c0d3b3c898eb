package dev.scalebench.measure;

import java.util.Arrays;

/**
 * Warm-up steadiness test: the last {@value #WINDOWS} windows of {@code window} iterations each are summarised by
 * their medians; latency is steady when the coefficient of variation of those medians is below a threshold.
 * Medians, not means, so that one slow iteration (a page fault, a timer interrupt) does not restart warm-up.
 *
 * <p>Preallocated; {@link #add(long)} and {@link #isSteady(double)} allocate nothing.
 */
final class SteadyState {
    static final int WINDOWS = 4;

    private final int window;
    private final long[] ring;
    private final long[] scratch;
    private final double[] medians = new double[WINDOWS];
    private long count;

    SteadyState(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1: " + window);
        }
        this.window = window;
        this.ring = new long[window * WINDOWS];
        this.scratch = new long[window];
    }

    /** Window size for a policy: half the minimum warm-up iterations, at least 3 and at most 50. */
    static int windowFor(int minIterations) {
        return Math.max(3, Math.min(50, (minIterations + 1) / 2));
    }

    void add(long latencyNanos) {
        ring[(int) (count % ring.length)] = latencyNanos;
        count++;
    }

    /** Whether enough iterations are in and the window medians' CV is below {@code maxCv}. */
    boolean isSteady(double maxCv) {
        return count >= ring.length && cv() < maxCv;
    }

    /** CV of the window medians over the last {@code WINDOWS * window} iterations (NaN before that). */
    double cv() {
        if (count < ring.length) {
            return Double.NaN;
        }
        // Oldest window first; the ring's logical start is count % length.
        int start = (int) (count % ring.length);
        double sum = 0;
        for (int w = 0; w < WINDOWS; w++) {
            for (int i = 0; i < window; i++) {
                scratch[i] = ring[(start + w * window + i) % ring.length];
            }
            Arrays.sort(scratch);
            double median = (window % 2 == 1) ? scratch[window / 2]
                    : (scratch[window / 2 - 1] + scratch[window / 2]) / 2.0;
            medians[w] = median;
            sum += median;
        }
        double mean = sum / WINDOWS;
        double ss = 0;
        for (double m : medians) {
            ss += (m - mean) * (m - mean);
        }
        double sd = Math.sqrt(ss / (WINDOWS - 1));
        return mean == 0 ? 0 : sd / mean;
    }
}
