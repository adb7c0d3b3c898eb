package dev.scalebench.analysis.fit;

/**
 * Model-size power law {@code t(N) = a + k·N^γ} (or, without the floor {@code a}, {@code t(N) = k·N^γ}, which
 * three model sizes can already determine) with {@code N} counted in billions of parameters, so that
 * {@code k} is the power term at one billion parameters, in seconds. (Per single parameter, {@code k} would be
 * {@code k·1e-9γ}: its error is the exponent's error times {@code ln N} of the data, about 20, so a 0.2 % exponent
 * would make it 4 % uncertain; at 1e9 it is as well determined as the curve there.) Linear in {@code (a, k)} for a
 * fixed exponent, which is searched on a grid over {@code [0.02, 3]} and polished within {@code [0.001, 5]}.
 */
final class PowerLawForm extends Form {
    private static final int GRID = 60;
    private static final double GRID_LO = 0.02;
    private static final double GRID_HI = 3;
    /** The unit of N in the law: a billion parameters. */
    static final double UNIT = 1e9;

    private final boolean floor;

    /** @param floor whether the law has a constant floor {@code a} ({@code power-law}) or not ({@code pure-power-law}) */
    PowerLawForm(boolean floor) {
        super(floor ? "power-law" : "pure-power-law", floor ? "t(N) = a + k·(N/1e9)^γ" : "t(N) = k·(N/1e9)^γ",
                floor ? new String[] {"a", "k", "gamma"} : new String[] {"k", "gamma"}, new String[0]);
        this.floor = floor;
    }

    @Override
    int linear() {
        return floor ? 2 : 1;
    }

    @Override
    int nonlinear() {
        return 1;
    }

    @Override
    void basis(double u, double[] theta, double[] g) {
        if (floor) {
            g[0] = 1;
        }
        g[linear() - 1] = Math.pow(u, theta[linear()]);
    }

    @Override
    void nonlinearGradient(double u, double[] theta, double[] out) {
        int gamma = linear();
        out[gamma] = theta[gamma - 1] * Math.pow(u, theta[gamma]) * Math.log(u);
    }

    @Override
    double[] grid(Obs d) {
        double[] g = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            g[i] = GRID_LO + (GRID_HI - GRID_LO) * i / (GRID - 1.0);
        }
        return g;
    }

    @Override
    double[] bounds(Obs d) {
        return new double[] {0.001, 5};
    }

    @Override
    String nonlinearName() {
        return "exponent";
    }

    @Override
    double nonlinearNatural(double[] theta, Obs d) {
        return theta[linear()];
    }

    @Override
    String edgeFlag(double value) {
        return "the exponent γ = " + dev.scalebench.analysis.Numbers.sig(value, 3)
                + " is at the edge of its range [0.001, 5]: the data do not determine it";
    }

    @Override
    double[] natural(double[] theta, Obs d) {
        double gamma = theta[linear()];
        double k = theta[linear() - 1] * d.yRef * Math.pow(UNIT / d.xRef, gamma);
        return floor ? new double[] {theta[0] * d.yRef, k, gamma} : new double[] {k, gamma};
    }

    @Override
    String[] paramUnits(Axis axis) {
        return floor ? new String[] {"s", "s", "1"} : new String[] {"s", "1"};
    }
}
