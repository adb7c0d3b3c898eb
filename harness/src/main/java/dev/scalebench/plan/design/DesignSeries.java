package dev.scalebench.plan.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fitted series of a design: the points that differ only in batch (or only in seq), the form the analysis
 * would fit to them and that form's parameters fitted to the cost model's step times, which stand in for the
 * latencies the run will measure (a locally optimal design).
 *
 * @param id the series, as {@code analysis.fit.SeriesKey} names it ({@code batch:gpt-125m/bf16/decode/s128})
 * @param axis {@code batch} or {@code seq}
 * @param form the law designed for ({@link #formFor})
 * @param theta its parameters fitted to the step times, levels scaled by the largest ({@code u = x / x_max})
 * @param members the series' points, as indices into the list the series were built from, by ascending level
 * @param u each member's scaled level
 * @param step each member's step time from the form, seconds (the noise is relative: sd = cv · step)
 */
public record DesignSeries(String id, String axis, DesignForm form, double[] theta, int[] members, double[] u,
        double[] step) {

    /** Fewest levels a series needs to be fitted (the linear form's two parameters plus one). */
    public static final int MIN_LEVELS = 3;

    /** Number of levels in the full design. */
    public int levels() {
        return members.length;
    }

    /**
     * The fitted series of a list of points: along batch and along seq, every group of at least {@value #MIN_LEVELS}
     * levels with the other factors (model, dtype, phase, the other axis, output) equal.
     *
     * @param points the points, with their series and step times
     */
    public static List<DesignSeries> of(List<DesignPoint> points) {
        List<DesignSeries> out = new ArrayList<>();
        for (String axis : new String[] {"batch", "seq"}) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < points.size(); i++) {
                groups.computeIfAbsent(key(axis, points.get(i)), k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                List<Integer> m = new ArrayList<>(g.getValue());
                m.sort((a, b) -> Integer.compare(level(axis, points.get(a)), level(axis, points.get(b))));
                if (m.size() >= MIN_LEVELS) {
                    out.add(build(g.getKey(), axis, m, points));
                }
            }
        }
        return out;
    }

    private static String key(String axis, DesignPoint p) {
        return "batch".equals(axis) ? p.batchSeries() : p.seqSeries();
    }

    private static int level(String axis, DesignPoint p) {
        return "batch".equals(axis) ? p.batch() : p.seq();
    }

    private static DesignSeries build(String id, String axis, List<Integer> m, List<DesignPoint> points) {
        int n = m.size();
        int[] members = new int[n];
        double[] u = new double[n];
        double[] y = new double[n];
        double max = level(axis, points.get(m.get(n - 1)));
        for (int i = 0; i < n; i++) {
            members[i] = m.get(i);
            u[i] = Math.max(level(axis, points.get(members[i])), 1e-9) / max;
            y[i] = points.get(members[i]).stepSeconds();
        }
        Nominal fit = formFor(axis, u, y);
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = Math.max(fit.form().value(u[i], fit.theta()), 1e-3 * y[i]);
        }
        return new DesignSeries(id, axis, fit.form(), fit.theta(), members, u, step);
    }

    /** A form with its parameters fitted to the step times. */
    record Nominal(DesignForm form, double[] theta, double relativeSse) { }

    /**
     * The form a series is designed for. Along batch: the roofline when its fit to the step times (relative least
     * squares, the knee on a geometric grid) puts the knee inside the range, at least two levels on each side, and
     * halves the linear form's residual; else the linear form. Along seq: the quadratic when, with at least four
     * levels, its {@code s²} term is positive and at least 1 % of the step time at the largest level; else linear.
     */
    static Nominal formFor(String axis, double[] u, double[] y) {
        Nominal linear = fit(DesignForm.LINEAR, u, y, Double.NaN);
        if (u.length < 4) {
            return linear;
        }
        if ("batch".equals(axis)) {
            Nominal best = null;
            int grid = 48;
            double lo = u[0];
            for (int i = 0; i < grid; i++) {
                double knee = lo * Math.pow(1 / lo, i / (grid - 1.0));
                int below = 0;
                for (double v : u) {
                    below += v <= knee ? 1 : 0;
                }
                if (below < 2 || u.length - below < 2) {
                    continue;
                }
                Nominal r = fit(DesignForm.ROOFLINE, u, y, knee);
                if (r != null && r.theta()[0] > 0 && r.theta()[1] >= 0
                        && (best == null || r.relativeSse() < best.relativeSse())) {
                    best = r;
                }
            }
            return best != null && best.relativeSse() < 0.5 * linear.relativeSse() ? best : linear;
        }
        Nominal q = fit(DesignForm.QUADRATIC, u, y, Double.NaN);
        if (q != null && q.theta()[2] > 0 && q.theta()[0] > 0 && q.theta()[1] >= 0
                && q.theta()[2] >= 0.01 * DesignForm.QUADRATIC.value(1, q.theta())) {
            return q;
        }
        return linear;
    }

    private static Nominal fit(DesignForm form, double[] u, double[] y, double knee) {
        int n = u.length;
        int p = form == DesignForm.ROOFLINE ? 2 : form.size();
        double[][] x = new double[n][];
        double[] w = new double[n];
        double[] theta = form == DesignForm.ROOFLINE ? new double[] {1, 0, knee} : new double[form.size()];
        double[] row = new double[form.size()];
        for (int i = 0; i < n; i++) {
            form.jacobian(u[i], theta, row);
            x[i] = java.util.Arrays.copyOf(row, p);
            w[i] = 1 / (y[i] * y[i]);
        }
        double[] lin = Small.leastSquares(x, y, w);
        if (lin == null) {
            return form == DesignForm.LINEAR ? new Nominal(form, new double[] {y[0], 0}, 0) : null;
        }
        System.arraycopy(lin, 0, theta, 0, p);
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = (y[i] - form.value(u[i], theta)) / y[i];
            sse += r * r;
        }
        return new Nominal(form, theta, sse);
    }
}
