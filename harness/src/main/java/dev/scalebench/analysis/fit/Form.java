package dev.scalebench.analysis.fit;

import java.util.List;

/**
 * A candidate law for step latency, {@code f(u; θ) = Σ β_j·g_j(u; φ)} in scaled coordinates ({@link Obs}): the
 * first {@link #linear()} entries of {@code θ} are non-negative linear coefficients {@code β}, the rest
 * ({@link #nonlinear()}, at most one) a nonlinear parameter {@code φ} searched on a grid. Each form maps its
 * scaled parameters to the reported ones in natural units and computes its derived quantities.
 */
abstract class Form {
    final String id;
    final String formula;
    final String[] paramNames;
    final String[] derivedNames;

    Form(String id, String formula, String[] paramNames, String[] derivedNames) {
        this.id = id;
        this.formula = formula;
        this.paramNames = paramNames;
        this.derivedNames = derivedNames;
    }

    /**
     * The candidate forms for a series: by axis, both seq forms for either phase, both output forms (AICc decides).
     * A generate series over batch fits a TPOT or TTFT with the step-time forms: a TPOT is a decode step time, a
     * TTFT a prefill step time.
     */
    static List<Form> forKey(SeriesKey key) {
        return switch (key.axis()) {
            case BATCH -> List.of(PolyForm.batchLinear(), new RooflineForm());
            case SEQ -> List.of(PolyForm.seqLinear(), PolyForm.seqQuadratic());
            case MODEL -> List.of(new PowerLawForm(true), new PowerLawForm(false), PolyForm.paramsLinear());
            case OUTPUT -> List.of(PolyForm.outputLinear(), PolyForm.outputQuadratic());
        };
    }

    /** Number of linear coefficients. */
    abstract int linear();

    /** Number of nonlinear parameters (0 or 1). */
    int nonlinear() {
        return 0;
    }

    /** Number of fitted parameters. */
    final int size() {
        return linear() + nonlinear();
    }

    /** The basis {@code g_j(u; φ)} into {@code g[0..linear)}. */
    abstract void basis(double u, double[] theta, double[] g);

    /** {@code ∂f/∂φ} into {@code out[linear()..size())}; only forms with a nonlinear parameter. */
    void nonlinearGradient(double u, double[] theta, double[] out) {
        throw new UnsupportedOperationException(id + " has no nonlinear parameter");
    }

    /** Grid of the nonlinear parameter, scaled. */
    double[] grid(Obs d) {
        return new double[0];
    }

    /** Bounds {lower, upper} of the nonlinear parameter, scaled. */
    double[] bounds(Obs d) {
        return new double[0];
    }

    /** Name of the nonlinear parameter in words ({@code knee}, {@code exponent}). */
    String nonlinearName() {
        return "";
    }

    /** The nonlinear parameter of {@code theta} in natural units. */
    double nonlinearNatural(double[] theta, Obs d) {
        return Double.NaN;
    }

    /** The warning when the nonlinear parameter ends at one of its {@link #bounds}. */
    String edgeFlag(double value) {
        return null;
    }

    /** {@code f(u; θ)} in units of {@code yRef}; {@code g} is scratch of length {@link #linear()}. */
    final double value(double u, double[] theta, double[] g) {
        basis(u, theta, g);
        double f = 0;
        for (int j = 0; j < linear(); j++) {
            f += theta[j] * g[j];
        }
        return f;
    }

    /** Latency in seconds at level {@code x}. */
    final double latency(double x, double[] theta, Obs d) {
        return latency(x, theta, d, new double[linear()]);
    }

    /** Latency in seconds at level {@code x}; {@code g} is scratch of length {@link #linear()}. */
    final double latency(double x, double[] theta, Obs d, double[] g) {
        return d.yRef * value(x / d.xRef, theta, g);
    }

    /**
     * The reported parameters in natural units, in the order of {@link #paramNames}, possibly followed by internal
     * ones that {@link #derived} needs (the roofline's knee).
     */
    abstract double[] natural(double[] theta, Obs d);

    abstract String[] paramUnits(Axis axis);

    /** Derived quantities from the natural parameters, in the order of {@link #derivedNames}. */
    double[] derived(double[] natural, Obs d) {
        return new double[0];
    }

    String[] derivedUnits(Axis axis) {
        return new String[0];
    }

    /**
     * The index of the derived quantity that is the nonlinear parameter itself and gets a profile-likelihood
     * interval ({@link ProfileInterval}) instead of the bootstrap's, or -1 (the default: every interval from the
     * bootstrap). Only the roofline's knee: its bootstrap distribution is lumpy (docs/analysis.md, "Uncertainty").
     */
    int profiledDerived() {
        return -1;
    }

    /** Whether derived quantity {@code i} is a level of the swept factor (checked for extrapolation). */
    boolean derivedIsLevel(int i) {
        return false;
    }
}
