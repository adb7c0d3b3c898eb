package dev.scalebench.analysis.fit;

import dev.scalebench.stats.Interval;
import dev.scalebench.stats.StudentT;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Ordinary least squares of a polynomial {@code y = Σ_j c_j·x^j}, {@code j = 0..degree}, with Student-t intervals:
 * the straight line and the parabola that {@link MemoryFit} chooses between. Unconstrained (a coefficient may come out
 * negative), on the natural scale of {@code y} (additive noise, as memory readings have), solved by Householder QR in
 * the scaled level {@code u = x / max x} so that the columns {@code 1, u, u²} are of one size.
 *
 * <p>The covariance of the coefficients is {@code s²·(XᵀX)⁻¹} with {@code s² = RSS / (n − p)}; each coefficient's
 * 95 % interval is {@code c ± t(n − p)·se}, and the band of the fitted curve at {@code x} is
 * {@code ŷ(x) ± t(n − p)·sqrt(gᵀ·Cov·g)}, {@code g = (1, x, x², ...)}: both describe how well the points pin the curve,
 * given their scatter about it. With {@code n = p} there is no scatter to estimate and no interval.
 */
final class PolyLeastSquares {
    /** The confidence of the intervals. */
    static final double CONFIDENCE = 0.95;

    private PolyLeastSquares() {
    }

    /**
     * One fit.
     *
     * @param coefficients {@code c_0..c_degree}, natural units ({@code y} per {@code x^j})
     * @param intervals their 95 % intervals ({@link Interval#UNDEFINED} with no degree of freedom left)
     * @param covariance the coefficients' covariance, natural units; null with no degree of freedom left
     * @param residuals {@code y − ŷ} at each observation
     * @param t the Student-t critical value of the intervals (NaN with no degree of freedom left)
     */
    record Fit(double[] coefficients, Interval[] intervals, double[][] covariance, double[] residuals, double t) {

        /** {@code ŷ(x)}. */
        double value(double x) {
            double v = 0;
            double p = 1;
            for (double c : coefficients) {
                v += c * p;
                p *= x;
            }
            return v;
        }

        /** The half-width of the curve's 95 % band at {@code x}: {@code t·sqrt(gᵀ·Cov·g)}; NaN without intervals. */
        double bandHalfWidth(double x) {
            if (covariance == null) {
                return Double.NaN;
            }
            int p = coefficients.length;
            double[] g = new double[p];
            double v = 1;
            for (int j = 0; j < p; j++) {
                g[j] = v;
                v *= x;
            }
            double var = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    var += g[i] * covariance[i][j] * g[j];
                }
            }
            return t * Math.sqrt(Math.max(0, var));
        }
    }

    /**
     * The least-squares polynomial of {@code degree} through {@code (x, y)}.
     *
     * @throws IllegalArgumentException when there are fewer than {@code degree + 1} distinct positive levels
     */
    static Fit fit(double[] x, double[] y, int degree) {
        int n = x.length;
        int p = degree + 1;
        long distinct = java.util.Arrays.stream(x).distinct().count();
        if (distinct < p || n != y.length) {
            throw new IllegalArgumentException("a degree-" + degree + " polynomial needs " + p
                    + " distinct levels, got " + distinct);
        }
        double xMax = java.util.Arrays.stream(x).map(Math::abs).max().orElse(1);
        double scale = xMax > 0 ? xMax : 1;
        double[][] design = new double[n][p];
        for (int i = 0; i < n; i++) {
            double u = x[i] / scale;
            double v = 1;
            for (int j = 0; j < p; j++) {
                design[i][j] = v;
                v *= u;
            }
        }
        RealMatrix xm = new Array2DRowRealMatrix(design, false);
        QRDecomposition qr = new QRDecomposition(xm);
        double[] beta = qr.getSolver().solve(new ArrayRealVector(y, false)).toArray();
        double[] residuals = new double[n];
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int j = 0; j < p; j++) {
                f += beta[j] * design[i][j];
            }
            residuals[i] = y[i] - f;
            rss += residuals[i] * residuals[i];
        }
        double[] natural = new double[p];
        for (int j = 0; j < p; j++) {
            natural[j] = beta[j] / Math.pow(scale, j);
        }
        Interval[] intervals = new Interval[p];
        java.util.Arrays.fill(intervals, Interval.UNDEFINED);
        int df = n - p;
        if (df <= 0) {
            return new Fit(natural, intervals, null, residuals, Double.NaN);
        }
        double s2 = rss / df;
        RealMatrix r = qr.getR().getSubMatrix(0, p - 1, 0, p - 1);
        RealMatrix rInv = MatrixUtils.inverse(r);
        RealMatrix xtxInv = rInv.multiply(rInv.transpose()); // (RᵀR)⁻¹ = (XᵀX)⁻¹
        double t = StudentT.critical(df, CONFIDENCE);
        double[][] cov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                cov[i][j] = s2 * xtxInv.getEntry(i, j) / (Math.pow(scale, i) * Math.pow(scale, j));
            }
        }
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(Math.max(0, cov[j][j]));
            intervals[j] = new Interval(natural[j] - t * se, natural[j] + t * se);
        }
        return new Fit(natural, intervals, cov, residuals, t);
    }
}
