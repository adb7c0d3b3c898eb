package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * {@code gelu_<dt>(x, y, n)} (exact, erf GELU as {@code torch.nn.functional.gelu}), {@code silu_mul_<dt>(gu, y, rows,
 * dff)} ({@code y[r, j] = silu(gu[r, j])·gu[r, dff + j]}, {@code gu} contiguous {@code [rows, 2·dff]}, {@code y}
 * contiguous {@code [rows, dff]}), {@code add_<dt>(a, b, y, n)} and {@code bias_add_<dt>(y, bias, rows, cols, ld_y)}
 * ({@code y[r, j] += bias[j]}, rows {@code ld_y} apart, in place).
 */
public final class RefActivation {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private RefActivation() {
    }

    /** GELU; error scale {@code |x|} (the {@code 1 + erf} of a negative argument cancels). */
    public static Expected gelu(KernelDType t, float[] x) {
        float[] y = new float[x.length];
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = HalfFloats.round(t, (float) gelu(x[i]));
            s[i] = Math.abs(x[i]);
        }
        return new Expected(y, s);
    }

    /** {@code x·Φ(x) = x/2·erfc(−x/√2)}, accurate to a few double ulps. */
    public static double gelu(double x) {
        return 0.5 * x * erfc(-x / Math.sqrt(2));
    }

    /** SiLU-and-multiply; error scale {@code |y|}. */
    public static Expected siluMul(KernelDType t, float[] gu, int rows, int dff) {
        float[] y = new float[rows * dff];
        double[] s = new double[y.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dff; j++) {
                double g = gu[r * 2 * dff + j];
                double v = g / (1 + Math.exp(-g)) * gu[r * 2 * dff + dff + j];
                y[r * dff + j] = HalfFloats.round(t, (float) v);
                s[r * dff + j] = Math.abs(v);
            }
        }
        return new Expected(y, s);
    }

    /** Elementwise sum; error scale {@code |a| + |b|}. */
    public static Expected add(KernelDType t, float[] a, float[] b) {
        float[] y = new float[a.length];
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = HalfFloats.round(t, (float) ((double) a[i] + b[i]));
            s[i] = Math.abs(a[i]) + Math.abs(b[i]);
        }
        return new Expected(y, s);
    }

    /** Bias added to every row, in place; the padding past {@code cols} is kept. Error scale {@code |y| + |bias|}. */
    public static Expected biasAdd(KernelDType t, float[] y, float[] bias, int rows, int cols, int ldY) {
        float[] out = y.clone();
        double[] s = new double[y.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * ldY + j;
                out[i] = HalfFloats.round(t, (float) ((double) y[i] + bias[j]));
                s[i] = Math.abs(y[i]) + Math.abs(bias[j]);
            }
        }
        return new Expected(out, s);
    }

    /**
     * The error function: Maclaurin series with positive terms, {@code erf x = 2/√π·e^{−x²}·Σ 2ⁿx^{2n+1}/(2n+1)!!},
     * for {@code |x| < 2}, where it converges without cancellation; beyond, {@code 1 − erfc}.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 2) {
            return Math.copySign(1 - erfcContinuedFraction(ax), x);
        }
        double term = ax;
        double sum = ax;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * ax * ax / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum, x);
    }

    /** The complementary error function, accurate also where it is tiny. */
    public static double erfc(double x) {
        if (x >= 2) {
            return erfcContinuedFraction(x);
        }
        if (x <= -2) {
            return 2 - erfcContinuedFraction(-x);
        }
        return 1 - erf(x);
    }

    /**
     * {@code erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))} for {@code x >= 2}, evaluated by the
     * modified Lentz method.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 1000; n++) {
            double an = n / 2.0;
            d = x + an * d;
            d = d == 0 ? tiny : 1 / d;
            c = x + an / c;
            c = c == 0 ? tiny : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
