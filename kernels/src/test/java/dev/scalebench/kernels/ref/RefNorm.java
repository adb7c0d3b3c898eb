package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * {@code layernorm_<dt>(x, weight, bias, y, rows, cols, ld_x, eps)} and {@code rmsnorm_<dt>(x, weight, y, rows,
 * cols, ld_x, eps)}: row {@code r} of {@code x} starts at {@code r·ld_x}; {@code y} is contiguous
 * {@code [rows, cols]}. Layer norm uses the biased variance (as PyTorch); {@code bias} may be absent.
 */
public final class RefNorm {
    private RefNorm() {
    }

    /** Layer norm; {@code bias} may be {@code null}. Error scale {@code |x̂·w| + |b|}. */
    public static Expected layerNorm(KernelDType t, float[] x, float[] weight, float[] bias, int rows, int cols,
                                     int ldX, float eps) {
        float[] y = new float[rows * cols];
        double[] s = new double[y.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                mean += x[r * ldX + j];
            }
            mean /= cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double d = x[r * ldX + j] - mean;
                var += d * d;
            }
            var /= cols;
            double rstd = 1 / Math.sqrt(var + eps);
            for (int j = 0; j < cols; j++) {
                double xhat = (x[r * ldX + j] - mean) * rstd * weight[j];
                double b = bias == null ? 0 : bias[j];
                y[r * cols + j] = HalfFloats.round(t, (float) (xhat + b));
                s[r * cols + j] = Math.abs(xhat) + Math.abs(b);
            }
        }
        return new Expected(y, s);
    }

    /** RMS norm. Error scale {@code |y|}. */
    public static Expected rmsNorm(KernelDType t, float[] x, float[] weight, int rows, int cols, int ldX,
                                   float eps) {
        float[] y = new float[rows * cols];
        double[] s = new double[y.length];
        for (int r = 0; r < rows; r++) {
            double ms = 0;
            for (int j = 0; j < cols; j++) {
                ms += (double) x[r * ldX + j] * x[r * ldX + j];
            }
            double inv = 1 / Math.sqrt(ms / cols + eps);
            for (int j = 0; j < cols; j++) {
                double v = x[r * ldX + j] * inv * weight[j];
                y[r * cols + j] = HalfFloats.round(t, (float) v);
                s[r * cols + j] = Math.abs(v);
            }
        }
        return new Expected(y, s);
    }
}
