package dev.scalebench.analysis.fit;

import java.util.List;

/**
 * One candidate form fitted to one series.
 *
 * @param form form id: {@code linear}, {@code roofline}, {@code seq-linear}, {@code seq-quadratic},
 *     {@code power-law}, {@code pure-power-law}, {@code params-linear}
 * @param formula the form in words, e.g. {@code t(b) = a + c·b}
 * @param params fitted parameters with intervals, in the form's own order
 * @param derived derived quantities with intervals (T_max, K, b90, knee, gamma, ...)
 * @param aicc small-sample Akaike information criterion of the log-space fit (lower is better)
 * @param akaikeWeight the form's Akaike weight among the series' candidates (they sum to 1)
 * @param huberScale the fitted scale of the log residuals (robust standard deviation)
 * @param converged whether the fit settled: several starts reach the same optimum (forms with a knee or exponent),
 *     and the Huber scale and the loss settle (every form); {@code convergence} says which check failed
 * @param convergence how convergence was judged, in words
 * @param residuals log-space residuals {@code ln(y) - ln(f(x))} in the series' observation order
 * @param validation leave-the-largest-levels-out checks (possibly empty)
 * @param band the fitted curve and its band
 * @param bootstrapFailures resamples in which the fit failed (excluded from the intervals)
 * @param flags warnings in words (extrapolation, no convergence, ...)
 */
public record FormFit(String form, String formula, List<Estimate> params, List<Estimate> derived, double aicc,
        double akaikeWeight, double huberScale, boolean converged, String convergence, double[] residuals,
        List<Validation> validation, Band band, int bootstrapFailures, List<String> flags) {

    public FormFit {
        params = List.copyOf(params);
        derived = List.copyOf(derived);
        residuals = residuals.clone();
        validation = List.copyOf(validation);
        flags = List.copyOf(flags);
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    /** The parameter or derived quantity named {@code name}, or null. */
    public Estimate estimate(String name) {
        for (Estimate e : params) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        for (Estimate e : derived) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
