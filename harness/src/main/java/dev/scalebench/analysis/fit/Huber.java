package dev.scalebench.analysis.fit;

import java.util.Arrays;

/**
 * Huber loss of log residuals with a fitted scale. The threshold is {@code c = 1.345·s} (95 % efficiency at the
 * normal). The scale starts as {@code 1.4826·MAD} of the residuals of a least-squares fit and is then re-estimated
 * by Huber's "proposal 2" ({@link #proposal2}): the root of {@code Σ min(r², c²) = (n - p)·κ·s²}, with
 * {@code κ = E[ψ(Z)²]} at the normal so that {@code s} estimates the noise's standard deviation. Unlike
 * re-estimating the MAD in every round, this is smooth in the residuals and corrected for the {@code p} fitted
 * parameters; the MAD version shrinks round after round towards an interpolating fit on small series (3 trials at
 * 5 levels, 3 parameters) and jumps between local optima. Scales are floored at {@link #MIN_SCALE}. An infinite
 * scale is plain least squares.
 */
final class Huber {
    static final double TUNING = 1.345;
    static final double MAD_TO_SD = 1.4826;
    /** Floor of the scale (log units): noise-free data would otherwise give a zero scale. */
    static final double MIN_SCALE = 1e-9;
    /** {@code E[ψ(Z)²]} for a standard normal {@code Z} at the tuning constant. */
    static final double KAPPA = kappa(TUNING);

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

    /**
     * Huber's proposal-2 scale of residuals {@code r} from a fit with {@code p} parameters: the {@code s} that solves
     * {@code Σ min(r², (1.345·s)²) = (n - p)·κ·s²}, at least {@link #MIN_SCALE}. The left side over {@code s²} falls
     * from {@code n·1.345²} to 0, so the root is unique; with the residuals sorted it is found exactly, the
     * {@code m} largest being clipped: {@code s² = Σ(smallest n - m)r² / ((n - p)·κ - m·1.345²)}. (Iterating the
     * update instead converges slowly, at a rate near 0.9 on small series.)
     */
    static double proposal2(double[] r, int p) {
        int n = r.length;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r[i] * r[i];
        }
        Arrays.sort(a);
        double k2 = TUNING * TUNING;
        double inliers = 0;
        for (double v : a) {
            inliers += v;
        }
        for (int m = 0; m < n; m++) {
            if (m > 0) {
                inliers -= a[n - m];
            }
            double denominator = (n - p) * KAPPA - m * k2;
            if (denominator <= 0) {
                break;
            }
            double s2 = inliers / denominator;
            boolean largestInlierFits = a[n - m - 1] <= k2 * s2 * (1 + 1e-12);
            boolean smallestOutlierClipped = m == 0 || a[n - m] >= k2 * s2 * (1 - 1e-12);
            if (largestInlierFits && smallestOutlierClipped) {
                return Math.max(Math.sqrt(s2), MIN_SCALE);
            }
        }
        return MIN_SCALE;
    }

    private static double kappa(double k) {
        double phi = Math.exp(-0.5 * k * k) / Math.sqrt(2 * Math.PI);
        double inside = org.hipparchus.special.Erf.erf(k / Math.sqrt(2));
        return inside - 2 * k * phi + k * k * (1 - inside);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
