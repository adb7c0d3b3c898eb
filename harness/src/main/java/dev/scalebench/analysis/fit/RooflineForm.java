package dev.scalebench.analysis.fit;

/**
 * Piecewise roofline {@code t(b) = max(a + c·b, d·b)} with {@code d > c}. Solved with the knee
 * {@code b* = a/(d - c)} as its nonlinear parameter: for a fixed knee {@code t = a·g(b) + c·b} with {@code g = 1}
 * up to the knee and {@code b/b*} beyond (then {@code d = a/b* + c}), linear in {@code (a, c)}. The knee is kept
 * within the measured range, where it is identifiable. The knee's interval is its profile-likelihood interval
 * ({@link ProfileInterval}), not the bootstrap's.
 */
final class RooflineForm extends Form {
    private static final int GRID = 48;

    RooflineForm() {
        super("roofline", "t(b) = max(a + c·b, d·b)", new String[] {"a", "c", "d"}, new String[] {"knee", "T_max"});
    }

    @Override
    int linear() {
        return 2;
    }

    @Override
    int nonlinear() {
        return 1;
    }

    @Override
    void basis(double u, double[] theta, double[] g) {
        double knee = theta[2];
        g[0] = u <= knee ? 1 : u / knee;
        g[1] = u;
    }

    @Override
    void nonlinearGradient(double u, double[] theta, double[] out) {
        double knee = theta[2];
        out[2] = u <= knee ? 0 : -theta[0] * u / (knee * knee);
    }

    @Override
    double[] grid(Obs d) {
        double lo = d.minLevel() / d.xRef;
        double[] g = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            g[i] = lo * Math.pow(1 / lo, i / (GRID - 1.0));
        }
        g[GRID - 1] = 1;
        return g;
    }

    @Override
    double[] bounds(Obs d) {
        return new double[] {d.minLevel() / d.xRef, 1};
    }

    @Override
    String nonlinearName() {
        return "knee";
    }

    @Override
    double nonlinearNatural(double[] theta, Obs d) {
        return theta[2] * d.xRef;
    }

    @Override
    String edgeFlag(double value) {
        return "the knee lies at the edge of the measured range: the data show no knee within it";
    }

    @Override
    double[] natural(double[] theta, Obs d) {
        double a = theta[0] * d.yRef;
        double c = theta[1] * d.yRef / d.xRef;
        double knee = theta[2] * d.xRef;
        return new double[] {a, c, a / knee + c, knee};
    }

    @Override
    String[] paramUnits(Axis axis) {
        return new String[] {"s", "s/seq", "s/seq"};
    }

    @Override
    double[] derived(double[] natural, Obs d) {
        return new double[] {natural[3], 1 / natural[2]};
    }

    @Override
    String[] derivedUnits(Axis axis) {
        return new String[] {"batch", "seq/s"};
    }

    @Override
    int profiledDerived() {
        return 0;
    }

    @Override
    boolean derivedIsLevel(int i) {
        return i == 0;
    }
}
