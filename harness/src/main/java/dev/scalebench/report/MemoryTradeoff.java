package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.results.PointSummary;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency–memory trade-off of a run: each point's p50 step latency (median over trials) against its measured
 * peak memory growth ({@link PointSummary#memPeakBytes()}, docs/measurement.md "Memory"), one curve over batch per
 * series (model, dtype, phase, seq, output). Moving along a curve shows what a larger batch costs in memory and buys
 * (or loses) in latency. Points whose memory was not measured are left out; a run with none has no section.
 */
public final class MemoryTradeoff {

    /** The section's lead. */
    static final String LEAD = "p50 step latency (median over trials, 95 % interval) against the point's peak "
            + "memory growth while it ran (largest over trials: resident memory on a CPU, reserved device memory "
            + "on a GPU; see docs/measurement.md, “Memory”), one curve over batch per series. Points without a "
            + "memory reading are left out.";

    private MemoryTradeoff() {
    }

    /** The measured points by series, each in batch order; series without a measured point are absent. */
    static Map<String, List<PointSummary>> series(List<PointSummary> rows) {
        Map<String, List<PointSummary>> out = new LinkedHashMap<>();
        for (PointSummary r : rows) {
            if (r.memoryKnown() && Double.isFinite(r.figures().p50Ns().value())) {
                out.computeIfAbsent(label(r.point()), k -> new ArrayList<>()).add(r);
            }
        }
        out.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingInt(p -> p.point().batch())).toList());
        return out;
    }

    /** {@code gpt-1m fp32 prefill · seq 64} (with {@code , output N} for a generate series). */
    static String label(PointEntry p) {
        return p.model() + " " + p.dtype() + " " + p.phase() + " · seq " + p.seq()
                + (p.output() > 0 ? ", output " + p.output() : "");
    }

    /** The chart's SVG; empty when no point measured its memory. */
    static String chart(List<PointSummary> rows) {
        Map<String, List<PointSummary>> series = series(rows);
        if (series.isEmpty()) {
            return "";
        }
        Plot plot = new Plot("p50 latency vs peak memory").x("peak memory growth", true, v -> Numbers.si(v, "B"))
                .y("p50 latency", true, v -> Numbers.si(v * 1e-9, "s"));
        int i = 0;
        for (Map.Entry<String, List<PointSummary>> e : series.entrySet()) {
            List<PointSummary> ps = e.getValue();
            double[] x = new double[ps.size()];
            double[] y = new double[ps.size()];
            double[] lo = new double[ps.size()];
            double[] hi = new double[ps.size()];
            String[] tips = new String[ps.size()];
            for (int k = 0; k < ps.size(); k++) {
                PointSummary p = ps.get(k);
                x[k] = Math.max(1, p.memPeakBytes());
                y[k] = p.figures().p50Ns().value();
                lo[k] = p.figures().p50Ns().ci95().lo();
                hi[k] = p.figures().p50Ns().ci95().hi();
                tips[k] = e.getKey() + ", batch " + p.point().batch() + ": " + Numbers.si(y[k] * 1e-9, "s") + " at "
                        + Numbers.si(p.memPeakBytes(), "B");
            }
            String color = Plot.PALETTE.get(i % Plot.PALETTE.size());
            plot.line(x, y, color, false, null);
            plot.points(x, y, lo, hi, color, Plot.Marker.values()[i % Plot.Marker.values().length], false, e.getKey(),
                    tips);
            i++;
        }
        return plot.render();
    }

    /** The HTML section {@code <section id="memory">}, or nothing when no point measured its memory. */
    public static void html(StringBuilder sb, List<PointSummary> rows) {
        String svg = chart(rows);
        if (svg.isEmpty()) {
            return;
        }
        sb.append("<section id=\"memory\">\n<h2>Latency vs memory</h2>\n<p class=\"muted\">").append(escape(LEAD))
                .append("</p>\n<figure>").append(svg).append("</figure>\n</section>\n");
    }
}
