package dev.scalebench.plan.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Predicted 95 % half-widths of the fitted parameters, relative to their values: {@code 1.96 · √(M⁻¹)_kk / |θ_k|}
 * with {@code M = Σ_p r_p · J_p J_pᵀ / (cv · t_p)²}, the series' Fisher information under a relative noise of
 * {@code cv} per trial (the trial-to-trial coefficient of variation of a point's latency). This is the asymptotic
 * (Wald) width of a fit of the designed form; the analysis's bootstrap intervals come out near it when the form is
 * right and the noise is that of the model (docs/analysis.md, "Budget-constrained design").
 *
 * @param series the series' id
 * @param axis {@code batch} or {@code seq}
 * @param form the form designed for
 * @param names the parameters' names
 * @param halfWidth each parameter's relative half-width ({@code 0.05}: ±5 %); infinite when the design no longer
 *     determines it
 */
public record Precision(String series, String axis, DesignForm form, String[] names, double[] halfWidth) {

    /** Default trial-to-trial coefficient of variation: 5 %, the CPU cost model's per-iteration CV. */
    public static final double DEFAULT_CV = 0.05;

    /** The predicted precision of every series under replicates {@code r} (by point index). */
    public static List<Precision> of(List<DesignSeries> series, int[] r, double cv) {
        List<Precision> out = new ArrayList<>();
        double[] j = new double[3];
        for (DesignSeries d : series) {
            int n = d.form().size();
            double[][] m = new double[n][n];
            for (int i = 0; i < d.levels(); i++) {
                d.form().jacobian(d.u()[i], d.theta(), j);
                double w = r[d.members()[i]] / Math.pow(cv * d.step()[i], 2);
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        m[a][b] += w * j[a] * j[b];
                    }
                }
            }
            double[][] inv = Small.inverse(m);
            double[] hw = new double[n];
            for (int k = 0; k < n; k++) {
                hw[k] = inv == null || inv[k][k] < 0 ? Double.POSITIVE_INFINITY
                        : 1.96 * Math.sqrt(inv[k][k]) / Math.abs(d.theta()[k]);
            }
            out.add(new Precision(d.id(), d.axis(), d.form(), d.form().names(d.axis()), hw));
        }
        return out;
    }

    /**
     * The median relative half-width of parameter {@code name} over the series of {@code axis} designed for
     * {@code form}; NaN when there is none.
     */
    public static double median(List<Precision> all, String axis, DesignForm form, String name) {
        List<Double> v = new ArrayList<>();
        for (Precision p : all) {
            if (p.axis().equals(axis) && p.form() == form) {
                for (int k = 0; k < p.names().length; k++) {
                    if (p.names()[k].equals(name)) {
                        v.add(p.halfWidth()[k]);
                    }
                }
            }
        }
        if (v.isEmpty()) {
            return Double.NaN;
        }
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
