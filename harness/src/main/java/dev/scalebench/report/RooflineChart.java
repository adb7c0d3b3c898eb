package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.Bound;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.report.svg.Plot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The roofline chart: every point's arithmetic intensity vs achieved FLOP/s (log–log) under the profile's
 * bandwidth slope and compute ceilings, coloured by observed bound, disagreements ringed; with bottleneck shifts,
 * the path of one series through its points in level order and where its bound shifts.
 */
final class RooflineChart {

    private static final Map<Bound, String> COLORS = Map.of(Bound.COMPUTE, "#D55E00", Bound.MEMORY, "#0072B2",
            Bound.OVERHEAD, "#7f7f7f");
    private static final List<String> CEILING_COLORS = List.of("#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000");

    private RooflineChart() {
    }

    /** The chart, or null without a profile or points. */
    static String render(Analysis a) {
        HardwareProfile h = a.hardware();
        List<RooflinePoint> pts = a.roofline().stream()
                .filter(r -> r.intensity() > 0 && r.flopsPerS() > 0 && Double.isFinite(r.intensity())).toList();
        if (h == null || pts.isEmpty()) {
            return null;
        }
        double xmin = pts.stream().mapToDouble(RooflinePoint::intensity).min().orElseThrow() / 2;
        double xmax = pts.stream().mapToDouble(RooflinePoint::intensity).max().orElseThrow() * 2;
        Map<String, Double> peaks = new TreeMap<>();
        TreeSet<String> dtypes = new TreeSet<>();
        pts.forEach(r -> dtypes.add(r.point().dtype()));
        for (String d : dtypes) {
            if (Double.isFinite(h.peakFlops(d))) {
                peaks.put(d, h.peakFlops(d));
            }
        }
        if (peaks.isEmpty()) {
            peaks.putAll(h.peakFlopsPerS());
        }
        double bw = h.bandwidthBytesPerS();
        for (double p : peaks.values()) {
            xmax = Math.max(xmax, p / bw * 2);
        }
        Plot plot = new Plot("Roofline: " + h.name())
                .subtitle("each point: one (model, dtype, phase, batch, seq); hover for details")
                .size(900, 480)
                .x("arithmetic intensity, FLOP/B", true, Numbers::si).y("achieved FLOP/s", true, Numbers::si);
        double top = peaks.values().stream().mapToDouble(Double::doubleValue).max().orElse(bw * xmax);
        double slopeEnd = Math.min(xmax, top / bw);
        plot.line(new double[] {xmin, slopeEnd}, new double[] {bw * xmin, bw * slopeEnd}, "#555", false,
                "memory bandwidth " + Numbers.si(bw, "B/s"));
        int c = 0;
        for (Map.Entry<String, Double> e : peaks.entrySet()) {
            double ridge = e.getValue() / bw;
            plot.line(new double[] {ridge, xmax}, new double[] {e.getValue(), e.getValue()},
                    CEILING_COLORS.get(c++ % CEILING_COLORS.size()), true,
                    e.getKey() + " peak " + Numbers.si(e.getValue(), "FLOP/s") + " (ridge " + Numbers.sig(ridge, 3)
                            + " FLOP/B)");
        }
        for (Bound b : Bound.values()) {
            List<RooflinePoint> sel = pts.stream().filter(r -> r.bound() == b).toList();
            if (!sel.isEmpty()) {
                plot.points(sel.stream().mapToDouble(RooflinePoint::intensity).toArray(),
                        sel.stream().mapToDouble(RooflinePoint::flopsPerS).toArray(), null, null, COLORS.get(b),
                        Plot.Marker.CIRCLE, false, b.id() + "-bound", tips(sel));
            }
        }
        path(plot, a);
        List<RooflinePoint> dis = pts.stream().filter(RooflinePoint::disagrees).toList();
        if (!dis.isEmpty()) {
            plot.points(dis.stream().mapToDouble(RooflinePoint::intensity).toArray(),
                    dis.stream().mapToDouble(RooflinePoint::flopsPerS).toArray(), null, null, "#d62728",
                    Plot.Marker.RING, false, "disagrees with predicted bound", tips(dis));
        }
        return plot.render();
    }

    /**
     * The path of one series ({@link ShiftReport#drawn}): its points joined in level order, and its first crossing
     * marked where it lies between the two points either side (log-interpolated on both axes).
     */
    private static void path(Plot plot, Analysis a) {
        BottleneckShift s = ShiftReport.drawn(a);
        if (s == null) {
            return;
        }
        List<RooflinePoint> path = ShiftReport.path(a, s).stream()
                .filter(r -> r.intensity() > 0 && r.flopsPerS() > 0 && Double.isFinite(r.intensity())).toList();
        if (path.size() < 2) {
            return;
        }
        plot.line(path.stream().mapToDouble(RooflinePoint::intensity).toArray(),
                path.stream().mapToDouble(RooflinePoint::flopsPerS).toArray(), "#000000", false,
                "path of " + s.label() + ", in " + s.axis() + " order");
        RooflinePoint lo = path.stream().filter(r -> level(r, s) == s.below()).findFirst().orElse(null);
        RooflinePoint hi = path.stream().filter(r -> level(r, s) == s.above()).findFirst().orElse(null);
        if (lo == null || hi == null) {
            return;
        }
        double u = Math.log(s.level() / s.below()) / Math.log(s.above() / s.below());
        double x = Math.exp(Math.log(lo.intensity()) + u * Math.log(hi.intensity() / lo.intensity()));
        double y = Math.exp(Math.log(lo.flopsPerS()) + u * Math.log(hi.flopsPerS() / lo.flopsPerS()));
        String label = "shift: " + s.from().id() + " → " + s.to().id() + " at " + s.axis() + " ≈ "
                + Numbers.sig(s.level(), 3);
        plot.points(new double[] {x}, new double[] {y}, null, null, "#000000", Plot.Marker.DIAMOND, false, label,
                new String[] {s.sentence()});
    }

    private static double level(RooflinePoint r, BottleneckShift s) {
        return s.axis().equals("batch") ? r.point().batch() : r.point().seq();
    }

    private static String[] tips(List<RooflinePoint> rs) {
        return rs.stream().map(r -> r.point().id() + ": " + Numbers.si(r.flopsPerS(), "FLOP/s") + " ("
                + Numbers.percent(r.computeFraction()) + " of peak), " + Numbers.si(r.bytesPerS(), "B/s") + " ("
                + Numbers.percent(r.memoryFraction()) + " of peak), intensity " + Numbers.sig(r.intensity(), 3)
                + " FLOP/B; " + r.bound().id() + "-bound, predicted " + r.predicted().id()).toArray(String[]::new);
    }
}
