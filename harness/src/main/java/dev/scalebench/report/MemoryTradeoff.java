package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.svg.Plot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency–memory trade-off of a run: each point's p50 step latency (median over trials) against its measured
 * peak memory growth ({@link PointStats#memPeakBytes()}, docs/measurement.md "Memory"), one curve over batch per
 * series (model, dtype, phase, seq, output). Moving along a curve shows what a larger batch costs in memory and buys
 * (or loses) in latency. Points whose memory was not measured are left out; a run with none has no section, in
 * report.html ({@link #html}) and in report.md ({@link #markdown}) alike. The section ends with the memory fits
 * against batch and seq ({@link MemoryFitCharts}).
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
    static Map<String, List<PointStats>> series(List<PointStats> points) {
        Map<String, List<PointStats>> out = new LinkedHashMap<>();
        for (PointStats p : points) {
            if (p.memoryKnown() && Double.isFinite(p.p50Ns())) {
                out.computeIfAbsent(label(p.point()), k -> new ArrayList<>()).add(p);
            }
        }
        out.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingInt(p -> p.point().batch())).toList());
        return out;
    }

    /** {@code gpt-1m fp32 prefill · seq 64} (with {@code , output N} for a generate series). */
    static String label(PointKey p) {
        return p.model() + " " + p.dtype() + " " + p.phase() + " · seq " + p.seq()
                + (p.output() > 0 ? ", output " + p.output() : "");
    }

    /** The chart's SVG; empty when no point measured its memory. */
    static String chart(List<PointStats> points) {
        Map<String, List<PointStats>> series = series(points);
        if (series.isEmpty()) {
            return "";
        }
        Plot plot = new Plot("p50 latency vs peak memory").x("peak memory growth", true, v -> Numbers.si(v, "B"))
                .y("p50 latency", true, v -> Numbers.si(v * 1e-9, "s"));
        int i = 0;
        for (Map.Entry<String, List<PointStats>> e : series.entrySet()) {
            List<PointStats> ps = e.getValue();
            double[] x = new double[ps.size()];
            double[] y = new double[ps.size()];
            double[] lo = new double[ps.size()];
            double[] hi = new double[ps.size()];
            String[] tips = new String[ps.size()];
            for (int k = 0; k < ps.size(); k++) {
                PointStats p = ps.get(k);
                x[k] = Math.max(1, p.memPeakBytes());
                y[k] = p.p50Ns();
                lo[k] = p.p50Ci().lo();
                hi[k] = p.p50Ci().hi();
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

    /** Whether any point of {@code a} measured its memory (and so the reports have a trade-off section). */
    static boolean any(Analysis a) {
        return !series(a.points()).isEmpty();
    }

    /** The HTML section {@code <section id="memory">} of {@code a}, or nothing when no point measured its memory. */
    public static void html(StringBuilder sb, Analysis a) {
        html(sb, a.points());
    }

    /** The HTML section {@code <section id="memory">}, or nothing when no point measured its memory. */
    static void html(StringBuilder sb, List<PointStats> points) {
        String svg = chart(points);
        if (svg.isEmpty()) {
            return;
        }
        sb.append("<section id=\"memory\">\n<h2>Latency vs memory</h2>\n<p class=\"muted\">").append(escape(LEAD))
                .append("</p>\n<figure>").append(svg).append("</figure>\n");
        MemoryFitCharts.html(sb, points);
        sb.append("</section>\n");
    }

    /**
     * The Markdown section {@code ## Latency vs memory}: per measured point its series, batch, peak memory growth and
     * p50 with its interval (at most {@link MarkdownReport#MAX_POINTS} rows; the chart is in report.html), or
     * nothing when no point measured its memory.
     */
    static void markdown(StringBuilder sb, Analysis a) {
        Map<String, List<PointStats>> series = series(a.points());
        if (series.isEmpty()) {
            return;
        }
        sb.append("## Latency vs memory\n\n").append(MarkdownReport.esc(LEAD)).append(" The chart is in report.html.\n\n");
        List<Table.Row> rows = new ArrayList<>();
        series.forEach((name, ps) -> ps.forEach(p -> rows.add(new Table.Row(List.of(name,
                Integer.toString(p.point().batch()), Numbers.si(p.memPeakBytes(), "B"), p50(p)), false))));
        Table t = new Table("", List.of("series", "batch", "peak memory growth", "p50 [95 % CI]"),
                List.of(Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER, Table.Col.NUMBER), rows);
        Table cut = t.limit(MarkdownReport.MAX_POINTS);
        MarkdownReport.table(sb, cut);
        if (cut.rows().size() < t.rows().size()) {
            sb.append("_").append(t.rows().size() - cut.rows().size())
                    .append(" more points not shown here: see fits.json (memPeakBytes)._\n\n");
        }
        MemoryFitCharts.markdown(sb, a.points());
    }

    private static String p50(PointStats p) {
        String v = Numbers.si(p.p50Ns() * 1e-9, "s");
        return p.p50Ci().isDefined() ? Format.withInterval(v, Numbers.si(p.p50Ci().lo() * 1e-9, "s"),
                Numbers.si(p.p50Ci().hi() * 1e-9, "s")) : v;
    }
}
