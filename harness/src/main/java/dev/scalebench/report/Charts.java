package dev.scalebench.report;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Band;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The small-multiple charts of the HTML report, grouped by model (SVG text per chart). */
final class Charts {

    private Charts() {
    }

    /**
     * Throughput vs batch per (model, dtype, phase, seq): measured points with intervals, fitted curve and band.
     * The y axis starts at zero, or is logarithmic where the values span more than {@value Plot#LOG_SPAN}×.
     */
    static Map<String, List<String>> throughput(Analysis a) {
        Map<String, SeriesFit> fits = fitsById(a);
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, List<PointStats>> groups = Tables.groups(a.points(),
                p -> p.point().model() + "\u0000" + p.point().dtype() + "\u0000" + p.point().phase() + "\u0000"
                        + p.point().seq() + "\u0000" + p.point().output());
        for (List<PointStats> g : groups.values()) {
            PointKey k0 = g.get(0).point();
            if (levels(g, true).size() < 2) {
                continue;
            }
            int n = g.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            String[] tips = new String[n];
            for (int i = 0; i < n; i++) {
                PointStats p = g.get(i);
                x[i] = p.point().batch();
                y[i] = p.seqPerS();
                double[] ci = Format.throughputCi(p);
                lo[i] = ci[0];
                hi[i] = ci[1];
                tips[i] = p.point().id() + ": " + Numbers.si(y[i]) + " seq/s " + Numbers.interval(lo[i], hi[i],
                        Numbers::si) + ", " + p.trials() + " trials";
            }
            SeriesFit f = fits.get(SeriesKey.of(Axis.BATCH, k0, a.metric()).id());
            FormFit best = f == null ? null : f.best();
            Plot plot = new Plot(k0.model() + " " + k0.dtype() + " " + k0.phase() + " · seq " + k0.seq()
                    + (k0.output() > 0 ? ", output " + k0.output() : ""))
                    .subtitle(best == null ? "no fit" : "fit: " + best.form() + " " + best.formula()
                            + " (weight " + Numbers.sig(best.akaikeWeight(), 2) + ")")
                    .x("batch", true, Numbers::si).y("throughput, seq/s", false, Numbers::si).yFromZero()
                    .xTicksAt(x);
            String color = Plot.PALETTE.get(0);
            if (best != null && best.band() != null) {
                Band b = best.band();
                double[] bx = b.x();
                plot.band(bx, div(bx, b.hi()), div(bx, b.lo()), color, "95 % band")
                        .line(bx, div(bx, b.fit()), color, false, "fit");
            }
            plot.points(x, y, lo, hi, Plot.PALETTE.get(1), Plot.Marker.CIRCLE, false, "measured (95 % CI)", tips);
            out.computeIfAbsent(k0.model(), m -> new ArrayList<>()).add(plot.render());
        }
        return out;
    }

    private static double[] div(double[] num, double[] den) {
        double[] r = new double[num.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = num[i] / den[i];
        }
        return r;
    }

    /** p50 and p99 latency vs batch (one line per seq) and vs seq (one line per batch) per (model, dtype, phase). */
    static Map<String, List<String>> latency(Analysis a) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, List<PointStats>> groups = Tables.groups(a.points(),
                p -> p.point().model() + "\u0000" + p.point().dtype() + "\u0000" + p.point().phase());
        for (List<PointStats> g : groups.values()) {
            PointKey k0 = g.get(0).point();
            String name = k0.model() + " " + k0.dtype() + " " + k0.phase();
            List<String> charts = out.computeIfAbsent(k0.model(), m -> new ArrayList<>());
            if (levels(g, true).size() >= 2) {
                charts.add(latencyChart(name + " · latency vs batch", g, true));
            }
            if (levels(g, false).size() >= 2) {
                charts.add(latencyChart(name + " · latency vs " + ("decode".equals(k0.phase()) ? "context" : "seq"),
                        g, false));
            }
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private static TreeSet<Integer> levels(List<PointStats> g, boolean batch) {
        TreeSet<Integer> s = new TreeSet<>();
        g.forEach(p -> s.add(batch ? p.point().batch() : p.point().seq()));
        return s;
    }

    private static String latencyChart(String title, List<PointStats> g, boolean overBatch) {
        TreeSet<Integer> xs = levels(g, overBatch);
        Plot plot = new Plot(title).subtitle("filled, solid: p50 · hollow, dashed: p99 · bars: 95 % CI")
                .x(overBatch ? "batch" : "seq", true, Numbers::si).y("step latency", true, Numbers::seconds)
                .xTicksAt(xs.stream().mapToDouble(Integer::doubleValue).toArray());
        int c = 0;
        for (List<Integer> line : lines(g, overBatch)) {
            List<PointStats> ps = g.stream()
                    .filter(p -> (overBatch ? p.point().seq() : p.point().batch()) == line.get(0)
                            && p.point().output() == line.get(1))
                    .sorted((p, q) -> Integer.compare(level(p, overBatch), level(q, overBatch))).toList();
            String color = Plot.PALETTE.get(c++ % Plot.PALETTE.size());
            double[] x = ps.stream().mapToDouble(p -> level(p, overBatch)).toArray();
            double[][] p50 = latencies(ps, true);
            double[][] p99 = latencies(ps, false);
            String label = (overBatch ? "seq " : "batch ") + line.get(0)
                    + (line.get(1) > 0 ? ", output " + line.get(1) : "");
            plot.line(x, p50[0], color, false, null)
                    .points(x, p50[0], p50[1], p50[2], color, Plot.Marker.CIRCLE, false, label, tips(ps, true))
                    .line(x, p99[0], color, true, null)
                    .points(x, p99[0], p99[1], p99[2], color, Plot.Marker.CIRCLE, true, null, tips(ps, false));
        }
        return plot.render();
    }

    /** The lines of a latency chart: (seq or batch, output) in order; output is 0 but for generate points. */
    private static List<List<Integer>> lines(List<PointStats> g, boolean overBatch) {
        TreeSet<List<Integer>> s = new TreeSet<>((p, q) -> p.get(0).equals(q.get(0))
                ? Integer.compare(p.get(1), q.get(1)) : Integer.compare(p.get(0), q.get(0)));
        g.forEach(p -> s.add(List.of(overBatch ? p.point().seq() : p.point().batch(), p.point().output())));
        return new ArrayList<>(s);
    }

    private static int level(PointStats p, boolean batch) {
        return batch ? p.point().batch() : p.point().seq();
    }

    /** Seconds: value, lo, hi per point. */
    private static double[][] latencies(List<PointStats> ps, boolean p50) {
        double[][] r = new double[3][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            PointStats p = ps.get(i);
            Interval ci = p50 ? p.p50Ci() : p.p99Ci();
            r[0][i] = (p50 ? p.p50Ns() : p.p99Ns()) * 1e-9;
            r[1][i] = ci == null ? Double.NaN : ci.lo() * 1e-9;
            r[2][i] = ci == null ? Double.NaN : ci.hi() * 1e-9;
        }
        return r;
    }

    private static String[] tips(List<PointStats> ps, boolean p50) {
        return ps.stream().map(p -> p.point().id() + " " + (p50 ? "p50 " + Format.nanos(p.p50Ns(), p.p50Ci())
                : "p99 " + Format.nanos(p.p99Ns(), p.p99Ci()))).toArray(String[]::new);
    }

    /** Latency vs model size (log–log) per model-size series, with the selected fit and the power law. */
    static List<String> modelSize(Analysis a) {
        List<String> out = new ArrayList<>();
        for (SeriesFit f : a.fits()) {
            if (f.key().axis() != Axis.MODEL) {
                continue;
            }
            SeriesKey k = f.key();
            List<PointStats> ps = a.points().stream().filter(p -> p.point().params() > 0
                    && p.point().dtype().equals(k.dtype()) && p.point().phase().equals(k.phase())
                    && p.point().batch() == k.batch() && p.point().seq() == k.seq()
                    && p.point().output() == k.output())
                    .sorted((p, q) -> Long.compare(p.point().params(), q.point().params())).toList();
            double[] x = ps.stream().mapToDouble(p -> p.point().params()).toArray();
            double[] y = ps.stream().mapToDouble(p -> p.metricNs() * 1e-9).toArray();
            double[] lo = ps.stream().mapToDouble(p -> p.metricCi() == null ? Double.NaN : p.metricCi().lo() * 1e-9)
                    .toArray();
            double[] hi = ps.stream().mapToDouble(p -> p.metricCi() == null ? Double.NaN : p.metricCi().hi() * 1e-9)
                    .toArray();
            String[] tips = ps.stream().map(p -> p.point().model() + " (" + Numbers.si(p.point().params())
                    + " params): " + Format.nanos(p.metricNs(), p.metricCi())).toArray(String[]::new);
            FormFit best = f.best();
            Plot plot = new Plot(k.dtype() + " " + k.phase() + " · batch " + k.batch() + ", seq " + k.seq()
                    + (k.output() > 0 ? ", output " + k.output() : ""))
                    .subtitle(best == null ? "no fit" : "selected: " + best.form() + " " + best.formula())
                    .x("parameters", true, Numbers::si).y("step latency", true, Numbers::seconds).xTicksAt(x);
            if (best != null && best.band() != null) {
                Band b = best.band();
                plot.band(b.x(), b.lo(), b.hi(), Plot.PALETTE.get(0), "95 % band")
                        .line(b.x(), b.fit(), Plot.PALETTE.get(0), false, best.form() + " (selected)");
            }
            for (FormFit o : f.forms()) {
                if (o != best && o.form().endsWith("power-law") && o.band() != null) {
                    plot.line(o.band().x(), o.band().fit(), Plot.PALETTE.get(2), true,
                            o.form() + (o.converged() ? "" : " (not converged)"));
                }
            }
            plot.points(x, y, lo, hi, Plot.PALETTE.get(1), Plot.Marker.CIRCLE, false, "measured (95 % CI)", tips);
            out.add(plot.render());
        }
        return out;
    }

    /** Log residuals vs level of each series' selected form, grouped by model. */
    static Map<String, List<String>> residuals(Analysis a) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SeriesFit f : a.fits()) {
            FormFit best = f.best();
            if (best == null || best.residuals().length != f.x().length) {
                continue;
            }
            SeriesKey k = f.key();
            Plot plot = new Plot(shortLabel(k))
                    .subtitle(best.form() + " · robust scale " + Numbers.sig(best.huberScale(), 2))
                    .x(k.axis().id(), true, Numbers::si).y("ln(observed / fitted)", false, v -> Numbers.sig(v, 2))
                    .yLinear()
                    .xTicksAt(f.x())
                    .hline(0, "#999", true, null)
                    .points(f.x(), best.residuals(), null, null, Plot.PALETTE.get(0), Plot.Marker.CIRCLE, false, null,
                            null);
            out.computeIfAbsent(Tables.group(f), m -> new ArrayList<>()).add(plot.render());
        }
        return out;
    }

    /** A series' label without the trailing "over ...", for chart titles. */
    static String shortLabel(SeriesKey k) {
        String o = k.output() > 0 ? " o" + k.output() : "";
        String label = switch (k.axis()) {
            case BATCH -> k.model() + " " + k.dtype() + " " + k.phase() + " · seq " + k.seq()
                    + (k.output() > 0 ? ", output " + k.output() : "") + ", over batch";
            case SEQ -> k.model() + " " + k.dtype() + " " + k.phase() + " · batch " + k.batch()
                    + (k.output() > 0 ? ", output " + k.output() : "") + ", over seq";
            case MODEL -> k.dtype() + " " + k.phase() + " · b" + k.batch() + " s" + k.seq() + o + ", over size";
            case OUTPUT -> k.model() + " " + k.dtype() + " " + k.phase() + " · b" + k.batch() + " s" + k.seq()
                    + ", over output";
        };
        return k.metric() == null ? label : FittedMetrics.words(k.metric()) + ": " + label;
    }

    private static Map<String, SeriesFit> fitsById(Analysis a) {
        Map<String, SeriesFit> m = new HashMap<>();
        a.fits().forEach(f -> m.putIfAbsent(f.key().id(), f));
        return m;
    }
}
