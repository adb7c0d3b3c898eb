package dev.scalebench.plan.design;

/**
 * The step-time law a series is designed for: the richest form the analysis fits along the series' axis
 * ({@code analysis.fit}: {@code PolyForm}, {@code RooflineForm}), in the same parameters. Levels are scaled,
 * {@code u = x / x_max}; relative widths do not depend on that scaling.
 *
 * <ul>
 *   <li>{@link #LINEAR}: {@code t = a + c·u}, Jacobian row {@code [1, u]};
 *   <li>{@link #ROOFLINE}: {@code t = max(a + c·u, d·u)} solved, as the analysis does, in {@code (a, c, knee)}:
 *       {@code t = a·g(u) + c·u} with {@code g = 1} up to the knee and {@code u/knee} beyond; Jacobian row
 *       {@code [g, u, u > knee ? −a·u/knee² : 0]};
 *   <li>{@link #QUADRATIC}: {@code t = a + b·u + c·u²}, Jacobian row {@code [1, u, u²]}.
 * </ul>
 */
public enum DesignForm {
    LINEAR("linear", 2),
    ROOFLINE("roofline", 3),
    QUADRATIC("quadratic", 3);

    private final String id;
    private final int size;

    DesignForm(String id, int size) {
        this.id = id;
        this.size = size;
    }

    /** {@code linear}, {@code roofline} or {@code quadratic}. */
    public String id() {
        return id;
    }

    /** Number of parameters. */
    public int size() {
        return size;
    }

    /** The parameters' names along {@code axis} ({@code batch} or {@code seq}), as the analysis names them. */
    public String[] names(String axis) {
        return switch (this) {
            case LINEAR -> "batch".equals(axis) ? new String[] {"a", "c"} : new String[] {"a", "b"};
            case ROOFLINE -> new String[] {"a", "c", "knee"};
            case QUADRATIC -> new String[] {"a", "b", "c"};
        };
    }

    /** {@code t(u; θ)}. */
    public double value(double u, double[] theta) {
        return switch (this) {
            case LINEAR -> theta[0] + theta[1] * u;
            case ROOFLINE -> theta[0] * (u <= theta[2] ? 1 : u / theta[2]) + theta[1] * u;
            case QUADRATIC -> theta[0] + theta[1] * u + theta[2] * u * u;
        };
    }

    /** The Jacobian row {@code ∂t/∂θ} at {@code u} into {@code out[0..size)}. */
    public void jacobian(double u, double[] theta, double[] out) {
        switch (this) {
            case LINEAR -> {
                out[0] = 1;
                out[1] = u;
            }
            case ROOFLINE -> {
                double knee = theta[2];
                out[0] = u <= knee ? 1 : u / knee;
                out[1] = u;
                out[2] = u <= knee ? 0 : -theta[0] * u / (knee * knee);
            }
            case QUADRATIC -> {
                out[0] = 1;
                out[1] = u;
                out[2] = u * u;
            }
        }
    }
}
