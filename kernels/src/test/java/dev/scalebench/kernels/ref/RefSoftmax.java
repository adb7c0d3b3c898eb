package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * {@code softmax_rows_<dt>(x, y, rows, cols, scale, causal_q)}: row softmax of {@code scale·x} over contiguous
 * {@code [rows, cols]}. When {@code causal_q > 0}, row {@code r} is query {@code i = r % causal_q} of a block of
 * {@code causal_q} queries that are the last {@code causal_q} of the {@code cols} keys, and key {@code j} is masked
 * (weight 0) when {@code j > i + cols − causal_q}.
 */
public final class RefSoftmax {
    private RefSoftmax() {
    }

    /** Whether key {@code j} of row {@code r} is masked under the causal rule ({@code causalQ > 0}). */
    public static boolean masked(int r, int j, int cols, int causalQ) {
        return causalQ > 0 && j > r % causalQ + cols - causalQ;
    }

    /** The output {@code y}; error scale {@code |y|}. */
    public static Expected rows(KernelDType t, float[] x, int rows, int cols, float scale, int causalQ) {
        if (causalQ > cols) {
            throw new IllegalArgumentException("causal_q " + causalQ + " > cols " + cols + ": a row would be empty");
        }
        float[] y = new float[rows * cols];
        double[] s = new double[y.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                if (!masked(r, j, cols, causalQ)) {
                    max = Math.max(max, (double) scale * x[r * cols + j]);
                }
            }
            double sum = 0;
            double[] e = new double[cols];
            for (int j = 0; j < cols; j++) {
                e[j] = masked(r, j, cols, causalQ) ? 0 : Math.exp((double) scale * x[r * cols + j] - max);
                sum += e[j];
            }
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = HalfFloats.round(t, (float) (e[j] / sum));
                s[r * cols + j] = e[j] / sum;
            }
        }
        return new Expected(y, s);
    }
}
