package dev.scalebench.analysis.fit;

import java.util.Arrays;

/**
 * Huber loss of log residuals with a fitted scale. The tuning constant is {@code c = 1.345·s} (95 % efficiency at
 * the normal); the scale {@code s} is re-estimated as {@code 1.4826·MAD} of the residuals (median absolute
 * deviation about their median), floored at {@link #MIN_SCALE}. An infinite scale is plain least squares.
 */
final class Huber {
    static final double TUNING = 1.345;
    static final double MAD_TO_SD = 1.4826;
    /** Floor of the scale (log units): noise-free data would otherwise give a zero scale. */
    static final double MIN_SCALE = 1e-9;

    private Huber() {
    }

    /** The threshold {@code c} for scale {@code s}. */
    static double threshold(double scale) {
        return TUNING * scale;
    }

    static double rho(double r, double c) {
        double a = Math.abs(r);
        return a <= c ? 0.5 * r * r : c * a - 0.5 * c * c;
    }

    /** IRLS weight {@code psi(r)/r}. */
    static double weight(double r, double c) {
        double a = Math.abs(r);
        return a <= c ? 1 : c / a;
    }

    /** A residual whose square is {@code 2·rho(r)}: least squares on it minimises the Huber loss. */
    static double pseudo(double r, double c) {
        double a = Math.abs(r);
        if (a <= c) {
            return r;
        }
        return Math.copySign(Math.sqrt(2 * c * a - c * c), r);
    }

    /** Derivative of {@link #pseudo} with respect to {@code r} (continuous at {@code |r| = c}). */
    static double pseudoSlope(double r, double c) {
        double a = Math.abs(r);
        return a <= c ? 1 : c / Math.sqrt(2 * c * a - c * c);
    }

    static double loss(double[] r, double c) {
        double sum = 0;
        for (double v : r) {
            sum += rho(v, c);
        }
        return sum;
    }

    /** {@code 1.4826·MAD} of the residuals, at least {@link #MIN_SCALE}. */
    static double scale(double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        double med = median(s);
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(r[i] - med);
        }
        Arrays.sort(s);
        return Math.max(MAD_TO_SD * median(s), MIN_SCALE);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
