package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.trend.ChangePoint;
import dev.scalebench.analysis.trend.Direction;
import dev.scalebench.analysis.trend.Observation;
import dev.scalebench.analysis.trend.TrendSeries;
import dev.scalebench.analysis.trend.Trends;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The chart of one series: the value of each run (x = run order, labelled with start dates), the segment means as
 * steps, and each change point ringed, its change and p-value in the legend.
 */
final class TrendChart {

    /** Colour of a regression. */
    static final String REGRESSION = "#D55E00";
    /** Colour of an improvement. */
    static final String IMPROVEMENT = "#009E73";
    private static final int TICKS = 5;

    private TrendChart() {
    }

    static String render(TrendSeries s) {
        TrialMetric m = s.key().metric();
        List<Observation> runs = s.runs();
        int n = runs.size();
        double scale = m.higherIsBetter() ? 1 : 1e-9;
        double[] x = new double[n];
        double[] y = new double[n];
        String[] tips = new String[n];
        for (int i = 0; i < n; i++) {
            Observation o = runs.get(i);
            x[i] = i;
            y[i] = o.value() * scale;
            tips[i] = o.runId() + " · " + TrendFormat.date(o.started()) + " · " + TrendFormat.value(m, o.value())
                    + " (median of " + o.trials() + (o.trials() == 1 ? " trial)" : " trials)");
        }
        String subtitle = s.key().sweep() + " · " + Trends.envLabel(s.key().env()) + " · " + n + " runs"
                + (s.flagged() ? "" : " · no change");
        Plot plot = new Plot(s.key().pointId() + " · " + m.id()).subtitle(subtitle).size(440, 270)
                .x("run (start date, UTC)", false, v -> label(runs, v))
                .y(m.id() + (m.higherIsBetter() ? " (tokens/s)" : " step latency"), false,
                        m.higherIsBetter() ? Numbers::si : Numbers::seconds)
                .xTicksAt(ticks(s))
                .line(x, y, "#bbbbbb", false, null)
                .points(x, y, null, null, Plot.PALETTE.get(0), Plot.Marker.CIRCLE, false, "run (median of trials)",
                        tips);
        steps(plot, s, scale);
        for (ChangePoint c : s.changes()) {
            String color = c.direction() == Direction.REGRESSION ? REGRESSION : IMPROVEMENT;
            String text = TrendFormat.changePoint(c);
            plot.points(new double[] {c.index()}, new double[] {y[c.index()]}, null, null, color, Plot.Marker.RING,
                    false, text, new String[] {c.direction().id() + " " + text});
        }
        return plot.render();
    }

    /** The segment means as one step line, vertical half-way between the runs either side of a change. */
    private static void steps(Plot plot, TrendSeries s, double scale) {
        List<TrendSeries.Segment> seg = s.segments();
        List<double[]> pts = new ArrayList<>();
        int n = s.runs().size();
        for (TrendSeries.Segment g : seg) {
            double from = g.from() == 0 ? 0 : g.from() - 0.5;
            double to = g.to() == n ? n - 1 : g.to() - 0.5;
            pts.add(new double[] {from, g.mean() * scale});
            pts.add(new double[] {to, g.mean() * scale});
        }
        double[] sx = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] sy = pts.stream().mapToDouble(p -> p[1]).toArray();
        plot.line(sx, sy, "#000000", true, s.flagged() ? "segment means" : "mean");
    }

    /** Evenly spaced runs, and each change point. */
    private static double[] ticks(TrendSeries s) {
        int n = s.runs().size();
        TreeSet<Integer> t = new TreeSet<>();
        s.changes().forEach(c -> t.add(c.index()));
        int gap = Math.max(1, n / TICKS); // a date label is about a fifth of the axis wide
        // evenly spaced from the first run, the last left out: its date would stick out of the chart
        for (int k = 0; k < TICKS - 1; k++) {
            int i = n <= 1 ? 0 : (int) Math.round((double) k * (n - 1) / (TICKS - 1));
            Integer near = t.isEmpty() ? null : nearest(t, i);
            if (near == null || Math.abs(near - i) >= gap) {
                t.add(i);
            }
        }
        return t.stream().mapToDouble(Integer::doubleValue).toArray();
    }

    private static Integer nearest(TreeSet<Integer> t, int i) {
        Integer lo = t.floor(i);
        Integer hi = t.ceiling(i);
        if (lo == null) {
            return hi;
        }
        if (hi == null) {
            return lo;
        }
        return i - lo <= hi - i ? lo : hi;
    }

    private static String label(List<Observation> runs, double v) {
        long i = Math.round(v);
        if (Math.abs(v - i) > 1e-6 || i < 0 || i >= runs.size()) {
            return "";
        }
        return TrendFormat.date(runs.get((int) i).started());
    }
}
