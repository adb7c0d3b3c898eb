package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Band;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.fit.Validation;
import dev.scalebench.report.ReportFixtures.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Series fits for {@link ReportFixtures}: least squares on the point means, plausible made-up intervals. */
final class FitFixtures {

    private static final double MAX_LEVEL_FACTOR = 2;

    private FitFixtures() {
    }

    static Estimate est(String name, String unit, double v, double loF, double hiF, boolean extrapolated) {
        return new Estimate(name, unit, v, v * loF, v * hiF, extrapolated);
    }

    /** Observations of a series: levels, per-trial seconds, and the geometric mean per level. */
    record Obs(double[] levels, double[] x, double[] y, double[] means) {
    }

    static Obs observe(double[] levels, java.util.function.DoubleUnaryOperator seconds, int seed) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[] means = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            double[] t = ReportFixtures.trials(seconds.applyAsDouble(levels[i]), 3, seed + i);
            for (double v : t) {
                xs.add(levels[i]);
                ys.add(v);
            }
            means[i] = ReportFixtures.gmean(t)[0];
        }
        return new Obs(levels, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), means);
    }

    /** Least squares line through {@code (x, y)}: {a, c}. */
    static double[] ols(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double c = sxy / sxx;
        return new double[] {my - c * mx, c};
    }

    static double[] residuals(Obs o, java.util.function.DoubleUnaryOperator f) {
        double[] r = new double[o.x().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = StrictMath.log(o.y()[i]) - StrictMath.log(f.applyAsDouble(o.x()[i]));
        }
        return r;
    }

    static double aicc(double[] res, int k) {
        int n = res.length;
        double rss = 0;
        for (double r : res) {
            rss += r * r;
        }
        return n * StrictMath.log(rss / n) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    static double scale(double[] res) {
        double ss = 0;
        for (double r : res) {
            ss += r * r;
        }
        return StrictMath.sqrt(ss / Math.max(1, res.length - 2));
    }

    static Band band(double lo, double hi, java.util.function.DoubleUnaryOperator f, boolean withInterval) {
        int n = 25;
        double[] x = new double[n];
        double[] fit = new double[n];
        double[] bl = new double[n];
        double[] bh = new double[n];
        for (int i = 0; i < n; i++) {
            double u = i / (n - 1.0);
            x[i] = lo * StrictMath.pow(hi / lo, u);
            fit[i] = f.applyAsDouble(x[i]);
            double w = 0.025 + 0.05 * StrictMath.abs(u - 0.45);
            bl[i] = withInterval ? fit[i] * (1 - w) : Double.NaN;
            bh[i] = withInterval ? fit[i] * (1 + w * 1.1) : Double.NaN;
        }
        return new Band(x, fit, bl, bh);
    }

    /** Akaike weights of {@code forms} (by AICc), sorted best first. */
    static List<FormFit> weigh(List<FormFit> forms) {
        double min = forms.stream().mapToDouble(FormFit::aicc).min().orElse(0);
        double sum = forms.stream().mapToDouble(f -> StrictMath.exp(-(f.aicc() - min) / 2)).sum();
        return forms.stream().map(f -> new FormFit(f.form(), f.formula(), f.params(), f.derived(), f.aicc(),
                StrictMath.exp(-(f.aicc() - min) / 2) / sum, f.huberScale(), f.converged(), f.convergence(),
                f.residuals(), f.validation(), f.band(), f.bootstrapFailures(), f.flags()))
                .sorted(Comparator.comparingDouble(FormFit::aicc)).toList();
    }

    static SeriesFit batchSeries(Model m, String ph, int s, int[] batches) {
        double[] levels = java.util.Arrays.stream(batches).asDoubleStream().toArray();
        Obs o = observe(levels, b -> ReportFixtures.seconds(m, ph, (int) b, s), s + batches.length + ph.length());
        double maxB = levels[levels.length - 1];
        List<FormFit> forms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double[] ac = ols(levels, o.means(), levels.length);
        double a = Math.max(ac[0], 1e-6);
        double c = ac[1];
        double k = a / c;
        boolean extrap = 9 * k > MAX_LEVEL_FACTOR * maxB;
        List<Validation> val = new ArrayList<>();
        for (int out = 1; out <= 2; out++) {
            int keep = levels.length - out;
            double[] f = ols(levels, o.means(), keep);
            double[] lx = java.util.Arrays.copyOfRange(levels, keep, levels.length);
            double[] pred = java.util.Arrays.stream(lx).map(x -> f[0] + f[1] * x).toArray();
            double[] obs = java.util.Arrays.copyOfRange(o.means(), keep, levels.length);
            double err = 0;
            for (int i = 0; i < lx.length; i++) {
                err = Math.max(err, Math.abs(pred[i] / obs[i] - 1));
            }
            val.add(new Validation(out, lx, pred, obs, err));
        }
        double[] res = residuals(o, x -> a + c * x);
        forms.add(new FormFit("linear", "t(b) = a + c·b",
                List.of(est("a", "s", a, 0.94, 1.07, false), est("c", "s/seq", c, 0.97, 1.035, false)),
                List.of(est("T_max", "seq/s", 1 / c, 1 / 1.035, 1 / 0.97, false),
                        est("K", "batch", k, 0.9, 1.12, k > MAX_LEVEL_FACTOR * maxB),
                        est("b90", "batch", 9 * k, 0.9, 1.12, extrap)),
                aicc(res, 3), 0, scale(res), true, "closed form", res, val, band(1, maxB, x -> a + c * x, true), 0,
                extrap ? List.of("b90 = " + Numbers.si(9 * k) + " lies beyond " + Numbers.sig(MAX_LEVEL_FACTOR, 2)
                        + "× the largest measured batch (" + Numbers.si(maxB) + "): extrapolated") : List.of()));
        double c1 = (o.means()[1] - o.means()[0]) / (levels[1] - levels[0]);
        double a1 = o.means()[0] - c1 * levels[0];
        double d = o.means()[levels.length - 1] / maxB;
        if (d > c1 && a1 > 0) {
            double knee = a1 / (d - c1);
            double[] r2 = residuals(o, x -> Math.max(a1 + c1 * x, d * x));
            forms.add(new FormFit("roofline", "t(b) = max(a + c·b, d·b)",
                    List.of(est("a", "s", a1, 0.95, 1.05, false), est("c", "s/seq", c1, 0.8, 1.25, false),
                            est("d", "s/seq", d, 0.98, 1.02, false)),
                    List.of(est("knee", "batch", knee, 0.86, 1.15, false),
                            est("T_max", "seq/s", 1 / d, 1 / 1.02, 1 / 0.98, false)),
                    aicc(r2, 4), 0, scale(r2), true, "5 of 5 starts agree", r2, List.of(),
                    band(1, maxB, x -> Math.max(a1 + c1 * x, d * x), true), 3, List.of()));
        } else {
            notes.add("roofline: no knee inside the measured batches (the step time is linear throughout)");
        }
        forms = weigh(forms);
        FormFit best = forms.get(0);
        return new SeriesFit(new SeriesKey(Axis.BATCH, m.name(), "bf16", ph, 0, s), o.x(), o.y(), forms, best.form(),
                batchSentence(best), notes);
    }

    static String batchSentence(FormFit f) {
        Estimate tmax = f.estimate("T_max");
        String sat = "throughput saturates at " + Numbers.si(tmax.value()) + " seq/s "
                + Numbers.interval(tmax.lo(), tmax.hi(), Numbers::si);
        if (f.form().equals("linear")) {
            Estimate b90 = f.estimate("b90");
            return sat + "; 90 % of it is reached at batch " + Numbers.si(b90.value()) + " "
                    + Numbers.interval(b90.lo(), b90.hi(), Numbers::si)
                    + (b90.extrapolated() ? " (extrapolated: beyond twice the largest measured batch)" : "") + ".";
        }
        Estimate knee = f.estimate("knee");
        return "step time is nearly flat up to the knee at batch " + Numbers.sig(knee.value(), 3) + " "
                + Numbers.interval(knee.lo(), knee.hi(), v -> Numbers.sig(v, 3)) + ", then grows "
                + Numbers.seconds(f.estimate("d").value()) + " per sequence; " + sat + ".";
    }

    static SeriesFit seqSeries(Model m, String ph, int b, int[] seqs) {
        double[] levels = java.util.Arrays.stream(seqs).asDoubleStream().toArray();
        Obs o = observe(levels, s -> ReportFixtures.seconds(m, ph, b, (int) s), b + ph.length());
        double[] ab = ols(levels, o.means(), levels.length);
        double[] res = residuals(o, x -> ab[0] + ab[1] * x);
        String what = "decode".equals(ph) ? "context" : "sequence length";
        FormFit f = new FormFit("seq-linear", "t(s) = a + b·s",
                List.of(est("a", "s", ab[0], 0.93, 1.06, false), est("b", "s/token", ab[1], 0.95, 1.05, false)),
                List.of(), aicc(res, 3), 1, scale(res), true, "closed form", res, List.of(),
                band(levels[0], levels[levels.length - 1], x -> ab[0] + ab[1] * x, true), 0, List.of());
        double last = levels[levels.length - 1];
        String sentence = "each extra token of " + what + " adds " + Numbers.seconds(ab[1]) + " "
                + Numbers.interval(ab[1] * 0.95, ab[1] * 1.05, Numbers::seconds) + " to the step; at " + (int) last
                + " tokens that is " + Numbers.percent(ab[1] * last / (ab[0] + ab[1] * last)) + " of it.";
        return new SeriesFit(new SeriesKey(Axis.SEQ, m.name(), "bf16", ph, b, 0), o.x(), o.y(), List.of(f),
                f.form(), sentence, List.of(ph.equals("decode")
                        ? "decode is linear in context by design; no quadratic form"
                        : "seq-quadratic skipped: needs at least 3 levels of seq, have 2"));
    }

    static SeriesFit modelSeries(List<Model> models, String ph, int b, int s) {
        double[] levels = models.stream().mapToDouble(Model::params).sorted().toArray();
        Obs o = observe(levels, n -> ReportFixtures.seconds(models.stream().filter(m -> m.params() == (long) n)
                .findFirst().orElseThrow(), ph, b, s), 7);
        double[] ak = ols(levels, o.means(), levels.length);
        double[] res = residuals(o, x -> ak[0] + ak[1] * x);
        FormFit lin = new FormFit("params-linear", "t(N) = a + k·N",
                List.of(est("a", "s", ak[0], 0.9, 1.1, false), est("k", "s/param", ak[1], 0.96, 1.04, false)),
                List.of(), aicc(res, 3), 0, scale(res), true, "closed form", res, List.of(),
                band(levels[0], levels[levels.length - 1], x -> ak[0] + ak[1] * x, true), 0, List.of());
        double gamma = 0.91;
        double nMax = levels[levels.length - 1];
        double kp = (o.means()[levels.length - 1] - ak[0]) / StrictMath.pow(nMax, gamma);
        double[] rp = residuals(o, x -> ak[0] + kp * StrictMath.pow(x, gamma));
        FormFit pow = new FormFit("power-law", "t(N) = a + k·N^γ",
                List.of(est("a", "s", ak[0], 0.5, 1.6, false), est("k", "s", kp, 0.1, 9, false),
                        new Estimate("gamma", "1", gamma, Double.NaN, Double.NaN, false)),
                List.of(), aicc(rp, 4) + 3.5, 0, scale(rp), false, "starts disagree: gamma from 0.41 to 1.37", rp,
                List.of(), band(levels[0], nMax, x -> ak[0] + kp * StrictMath.pow(x, gamma), false), 412,
                List.of("did not converge: " + levels.length + " model sizes cannot pin down 3 parameters"));
        List<FormFit> forms = weigh(List.of(lin, pow));
        String sentence = "step latency grows " + Numbers.seconds(ak[1] * 1e9) + " "
                + Numbers.interval(ak[1] * 0.96e9, ak[1] * 1.04e9, Numbers::seconds)
                + " per billion parameters (linear in model size; the power law did not converge).";
        return new SeriesFit(new SeriesKey(Axis.MODEL, "*", "bf16", ph, b, s), o.x(), o.y(), forms,
                forms.get(0).form(), sentence, List.of());
    }
}
