package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.compare.Arm;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.analysis.compare.MatchKey;
import dev.scalebench.analysis.compare.PointRow;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/** The charts of {@code compare.html} (SVG text per chart): one colour per run, in run order. */
final class CompareCharts {

    private CompareCharts() {
    }

    /** The colour of run {@code i}. */
    static String color(int i) {
        return Plot.PALETTE.get(i % Plot.PALETTE.size());
    }

    /** The metric the speedup charts show: throughput when compared, else the first metric. */
    static TrialMetric speedupMetric(Comparison c) {
        return c.metrics().contains(TrialMetric.THROUGHPUT) ? TrialMetric.THROUGHPUT : c.metrics().get(0);
    }

    /**
     * Per series over batch (model, dtype, phase, seq) with at least two batch levels, grouped by model: every
     * run's throughput vs batch overlaid, then the speedup of each other run vs batch.
     */
    static Map<String, List<String>> series(Comparison c) {
        Map<String, List<PointRow>> groups = new LinkedHashMap<>();
        c.rows().forEach(r -> groups.computeIfAbsent(r.key().batchSeries(), k -> new ArrayList<>()).add(r));
        Map<String, List<String>> out = new LinkedHashMap<>();
        TrialMetric sm = speedupMetric(c);
        for (List<PointRow> g : groups.values()) {
            TreeSet<Integer> batches = new TreeSet<>();
            g.forEach(r -> batches.add(r.key().batch()));
            if (batches.size() < 2) {
                continue;
            }
            MatchKey k = g.get(0).key();
            String name = k.model() + " " + k.dtype() + " " + k.phase() + " · seq " + k.seq();
            double[] ticks = batches.stream().mapToDouble(Integer::doubleValue).toArray();
            List<String> charts = out.computeIfAbsent(k.model(), m -> new ArrayList<>());
            charts.add(throughput(c, g, name, ticks));
            Plot speed = new Plot(name + " · speedup").subtitle(sm.id() + " speedup over "
                    + c.runs().get(0).label() + " (95 % CI); above 1 is faster")
                    .x("batch", true, Numbers::si).y("speedup", false, Effect::times).xTicksAt(ticks);
            boolean any = false;
            for (int i = 1; i < c.runs().size(); i++) {
                List<Effect> es = new ArrayList<>();
                List<Integer> xs = new ArrayList<>();
                for (PointRow r : g) {
                    Effect e = r.effect(i, sm);
                    if (e != null) {
                        es.add(e);
                        xs.add(r.key().batch());
                    }
                }
                if (!es.isEmpty()) {
                    any = true;
                    speedups(speed, c, i, es, xs.stream().mapToDouble(Integer::doubleValue).toArray(),
                            xs.stream().map(b -> "batch " + b).toList(), true);
                }
            }
            if (any) {
                charts.add(speed.hline(1, "#999", true, null).render());
            }
        }
        return out;
    }

    private static String throughput(Comparison c, List<PointRow> g, String name, double[] ticks) {
        Plot plot = new Plot(name).subtitle("median throughput over trials, 95 % bootstrap interval")
                .x("batch", true, Numbers::si).y("throughput, tokens/s", false, Numbers::si).yFromZero()
                .xTicksAt(ticks);
        for (int i = 0; i < c.runs().size(); i++) {
            List<Arm> arms = new ArrayList<>();
            for (PointRow r : g) {
                if (r.arm(i) != null && r.arm(i).ok()) {
                    arms.add(r.arm(i));
                }
            }
            if (arms.isEmpty()) {
                continue;
            }
            int n = arms.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            String[] tips = new String[n];
            for (int j = 0; j < n; j++) {
                Arm a = arms.get(j);
                Interval ci = a.throughputCi();
                x[j] = a.point().batch();
                y[j] = a.median(TrialMetric.THROUGHPUT);
                lo[j] = ci.lo();
                hi[j] = ci.hi();
                tips[j] = c.runs().get(i).label() + " " + a.point().id() + ": " + Numbers.si(y[j]) + " tokens/s "
                        + Numbers.interval(lo[j], hi[j], Numbers::si) + ", " + a.trials() + " trials";
            }
            plot.line(x, y, color(i), false, null)
                    .points(x, y, lo, hi, color(i), Plot.Marker.CIRCLE, false, c.runs().get(i).title(), tips);
        }
        return plot.render();
    }

    private static void speedups(Plot plot, Comparison c, int run, List<Effect> es, double[] x, List<String> where,
            boolean joined) {
        int n = es.size();
        double[] y = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        String[] tips = new String[n];
        for (int j = 0; j < n; j++) {
            Effect e = es.get(j);
            y[j] = e.speedup();
            lo[j] = e.speedupCi().lo();
            hi[j] = e.speedupCi().hi();
            tips[j] = c.runs().get(run).label() + " at " + where.get(j) + ": " + e.words();
        }
        if (joined) {
            plot.line(x, y, color(run), false, null);
        }
        plot.points(x, y, lo, hi, color(run), Plot.Marker.CIRCLE, false,
                        c.runs().get(run).label() + " vs " + c.runs().get(0).label(), tips);
    }

    /** Per metric: every matched point's speedup against the baseline's value, one colour per other run. */
    static List<String> overview(Comparison c) {
        List<String> out = new ArrayList<>();
        for (TrialMetric m : c.metrics()) {
            boolean ns = m.unit().equals("ns");
            DoubleFunction<String> fmt = ns ? v -> Numbers.seconds(v * 1e-9) : Numbers::si;
            Plot plot = new Plot("Speedup per point: " + m.id())
                    .subtitle("x: " + c.runs().get(0).label() + "'s median; y: speedup over it (95 % CI); above 1 "
                            + "is faster")
                    .x(c.runs().get(0).label() + " " + m.id() + (ns ? "" : ", " + m.unit()), true, fmt)
                    .y("speedup", false, Effect::times);
            boolean any = false;
            for (int i = 1; i < c.runs().size(); i++) {
                List<Effect> es = new ArrayList<>();
                List<String> where = new ArrayList<>();
                for (PointRow r : c.rows()) {
                    Effect e = r.effect(i, m);
                    if (e != null) {
                        es.add(e);
                        where.add(r.key().id());
                    }
                }
                if (!es.isEmpty()) {
                    any = true;
                    speedups(plot, c, i, es, es.stream().mapToDouble(Effect::baseline).toArray(), where,
                            false);
                }
            }
            if (any) {
                out.add(plot.hline(1, "#999", true, null).render());
            }
        }
        return out;
    }
}
