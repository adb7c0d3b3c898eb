package dev.scalebench.analysis.fit;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Polynomial step time {@code t = Σ_j β_j·x^j} with non-negative coefficients: the linear batch law, both seq
 * laws and the linear model-size law. Closed form; no nonlinear parameter.
 */
final class PolyForm extends Form {
    private final int degree;
    private final Function<Axis, String[]> units;
    private final Function<Axis, String[]> derivedUnits;
    private final BiFunction<double[], Obs, double[]> derive;
    private final boolean[] levelValued;

    private PolyForm(String id, String formula, String[] names, int degree, Function<Axis, String[]> units,
            String[] derivedNames, Function<Axis, String[]> derivedUnits, boolean[] levelValued,
            BiFunction<double[], Obs, double[]> derive) {
        super(id, formula, names, derivedNames);
        this.degree = degree;
        this.units = units;
        this.derivedUnits = derivedUnits;
        this.levelValued = levelValued;
        this.derive = derive;
    }

    /**
     * {@code t(b) = a + c·b}: throughput {@code T(b) = b/t(b) = T_max·b/(b + K)} with {@code T_max = 1/c},
     * {@code K = a/c}, {@code b90 = 9K}; {@code doubling_throughput} and {@code doubling_latency} are the gains from
     * {@code b90} to {@code 2·b90} (under this law always 1/19 ≈ 5.3 % and 90 %).
     */
    static PolyForm batchLinear() {
        return new PolyForm("linear", "t(b) = a + c·b", new String[] {"a", "c"}, 1,
                axis -> new String[] {"s", "s/seq"},
                new String[] {"T_max", "K", "b90", "doubling_throughput", "doubling_latency"},
                axis -> new String[] {"seq/s", "batch", "batch", "1", "1"},
                new boolean[] {false, true, true, false, false},
                (p, d) -> {
                    double a = p[0];
                    double c = p[1];
                    double b90 = 9 * a / c;
                    double t1 = a + c * b90;
                    double t2 = a + 2 * c * b90;
                    return new double[] {1 / c, a / c, b90, 2 * t1 / t2 - 1, t2 / t1 - 1};
                });
    }

    /** {@code t(s) = a + b·s}; {@code per_token = b}. */
    static PolyForm seqLinear() {
        return new PolyForm("seq-linear", "t(s) = a + b·s", new String[] {"a", "b"}, 1,
                axis -> new String[] {"s", "s/token"},
                new String[] {"per_token"}, axis -> new String[] {"s/token"}, new boolean[] {false},
                (p, d) -> new double[] {p[1]});
    }

    /** {@code t(s) = a + b·s + c·s²}; {@code quadratic_share = c·s²/t(s)} at the largest measured {@code s}. */
    static PolyForm seqQuadratic() {
        return new PolyForm("seq-quadratic", "t(s) = a + b·s + c·s²", new String[] {"a", "b", "c"}, 2,
                axis -> new String[] {"s", "s/token", "s/token²"},
                new String[] {"quadratic_share"}, axis -> new String[] {"1"}, new boolean[] {false},
                (p, d) -> {
                    double s = d.maxLevel();
                    double q = p[2] * s * s;
                    return new double[] {q / (p[0] + p[1] * s + q)};
                });
    }

    /**
     * {@code t(o) = a + b·o}, a request's latency over its output tokens: {@code b} is the time per output token,
     * {@code a} the rest (the time to first token less one token); {@code per_token = b}.
     */
    static PolyForm outputLinear() {
        return new PolyForm("output-linear", "t(o) = a + b·o", new String[] {"a", "b"}, 1,
                axis -> new String[] {"s", "s/token"},
                new String[] {"per_token"}, axis -> new String[] {"s/token"}, new boolean[] {false},
                (p, d) -> new double[] {p[1]});
    }

    /**
     * {@code t(o) = a + b·o + c·o²}: each decode step attends to a context one token longer than the last, so a
     * step time linear in context makes the request quadratic in {@code o}; {@code quadratic_share = c·o²/t(o)} at
     * the largest measured {@code o}.
     */
    static PolyForm outputQuadratic() {
        return new PolyForm("output-quadratic", "t(o) = a + b·o + c·o²", new String[] {"a", "b", "c"}, 2,
                axis -> new String[] {"s", "s/token", "s/token²"},
                new String[] {"quadratic_share"}, axis -> new String[] {"1"}, new boolean[] {false},
                (p, d) -> {
                    double o = d.maxLevel();
                    double q = p[2] * o * o;
                    return new double[] {q / (p[0] + p[1] * o + q)};
                });
    }

    /** {@code t(N) = a + k·N}. */
    static PolyForm paramsLinear() {
        return new PolyForm("params-linear", "t(N) = a + k·N", new String[] {"a", "k"}, 1,
                axis -> new String[] {"s", "s/param"}, new String[0], axis -> new String[0], new boolean[0],
                (p, d) -> new double[0]);
    }

    @Override
    int linear() {
        return degree + 1;
    }

    @Override
    void basis(double u, double[] theta, double[] g) {
        double p = 1;
        for (int j = 0; j <= degree; j++) {
            g[j] = p;
            p *= u;
        }
    }

    @Override
    double[] natural(double[] theta, Obs d) {
        double[] out = new double[degree + 1];
        for (int j = 0; j <= degree; j++) {
            out[j] = theta[j] * d.yRef / Math.pow(d.xRef, j);
        }
        return out;
    }

    @Override
    String[] paramUnits(Axis axis) {
        return units.apply(axis);
    }

    @Override
    double[] derived(double[] natural, Obs d) {
        return derive.apply(natural, d);
    }

    @Override
    String[] derivedUnits(Axis axis) {
        return derivedUnits.apply(axis);
    }

    @Override
    boolean derivedIsLevel(int i) {
        return levelValued[i];
    }
}
