package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.capacity.SloPreset;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The generation parts of {@code report.md} and {@code report.html}: the capacity answers under the SLOs, and the
 * Pareto view of output tokens/s per user against output tokens/s in total, one curve over batch per generate
 * series (model, dtype, seq, output). Both are absent from an analysis without generate points.
 */
final class GenerationReport {

    /** The lead of the capacity section. */
    static final String CAPACITY_LEAD = "Per generate series and SLO set, the largest batch whose point meets "
            + "every objective (the point's p99 TTFT and TPOT are medians over trials of each trial's p99), "
            + "interpolated log–log between the two measured batches around the first crossing and never "
            + "extrapolated beyond the measured batches; the output tokens/s there, in total and per user. "
            + "Intervals: cluster bootstrap over trials. The mlperf presets are the " + SloPreset.SOURCE + ".";

    /** The lead of the Pareto section. */
    static final String PARETO_LEAD = "Output tokens per second of one user (one sequence: output tokens of a "
            + "request over its mean latency) against all users together, one curve over batch per series; "
            + "larger batches move right and down. A point no other point beats on both is on the frontier.";

    private GenerationReport() {
    }

    /** Whether the analysis has generate points. */
    static boolean any(Analysis a) {
        return a.points().stream().anyMatch(p -> p.point().output() > 0);
    }

    /** The generate points by series (model, dtype, seq, output), each in batch order. */
    static Map<String, List<PointStats>> series(Analysis a) {
        List<PointStats> gen = a.points().stream().filter(p -> p.point().output() > 0
                && Double.isFinite(p.tokensPerS()) && p.tokensPerS() > 0).toList();
        Map<String, List<PointStats>> out = Tables.groups(gen, p -> label(p.point()));
        out.replaceAll((k, v) -> v.stream().sorted((p, q) -> Integer.compare(p.point().batch(), q.point().batch()))
                .toList());
        return out;
    }

    /** {@code llama-tiny fp32 · seq 64, output 32}. */
    static String label(PointKey k) {
        return k.model() + " " + k.dtype() + " · seq " + k.seq() + ", output " + k.output();
    }

    /** Whether no other generate point has at least its total and per-user tokens/s, one of them more. */
    static boolean onFrontier(PointStats p, List<PointStats> all) {
        for (PointStats q : all) {
            boolean atLeast = q.tokensPerS() >= p.tokensPerS() && q.tokensPerSPerUser() >= p.tokensPerSPerUser();
            boolean more = q.tokensPerS() > p.tokensPerS() || q.tokensPerSPerUser() > p.tokensPerSPerUser();
            if (atLeast && more) {
                return false;
            }
        }
        return true;
    }

    /** The capacity answers, one row per series and SLO set. */
    static Table capacity(Analysis a) {
        List<String> header = List.of("series", "SLO", "largest batch [95 % CI]", "output tokens/s [95 % CI]",
                "per user", "limited by");
        List<Table.Col> cols = List.of(Table.Col.TEXT, Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER,
                Table.Col.NUMBER, Table.Col.TEXT);
        List<Table.Row> rows = new ArrayList<>();
        for (Capacity c : a.capacity()) {
            String batch = switch (c.status()) {
                case WITHIN -> Long.toString((long) c.batch());
                case ALL_MET -> "≥ " + (long) c.maxBatch();
                case NONE_MET -> "none of " + (long) c.minBatch() + "–" + (long) c.maxBatch();
            };
            String ci = c.batchInterval().isEmpty() ? "" : " " + c.batchInterval();
            String tokens = Numbers.si(c.tokensPerS());
            String tci = Numbers.interval(c.tokensPerSLo(), c.tokensPerSHi(), Numbers::si);
            rows.add(new Table.Row(List.of(c.label(), c.slo().name() + ": " + c.slo().text(), batch + ci,
                    tci.isEmpty() || c.status() == Capacity.Status.NONE_MET ? tokens : tokens + " " + tci,
                    Numbers.si(c.tokensPerSPerUser()),
                    switch (c.status()) {
                        case WITHIN -> c.binding().id() + " (between batches " + (long) c.below() + " and "
                                + (long) c.above() + ")";
                        case ALL_MET -> "met at every measured batch";
                        case NONE_MET -> c.binding().id() + " (missed at batch " + (long) c.minBatch() + ")";
                    }), c.status() == Capacity.Status.NONE_MET));
        }
        return new Table("", header, cols, rows);
    }

    /** The Pareto points, one row per generate point, series by series. */
    static Table pareto(Analysis a) {
        List<String> header = List.of("series", "batch", "output tokens/s [95 % CI]", "per user [95 % CI]",
                "frontier");
        List<Table.Col> cols = List.of(Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER, Table.Col.NUMBER,
                Table.Col.TEXT);
        Map<String, List<PointStats>> series = series(a);
        List<PointStats> all = series.values().stream().flatMap(List::stream).toList();
        List<Table.Row> rows = new ArrayList<>();
        series.forEach((name, ps) -> {
            for (PointStats p : ps) {
                Interval ci = p.tokensPerSCi();
                int b = p.point().batch();
                rows.add(new Table.Row(List.of(name, Integer.toString(b), withCi(p.tokensPerS(), ci, 1),
                        withCi(p.tokensPerSPerUser(), ci, b), onFrontier(p, all) ? "yes" : ""), false));
            }
        });
        return new Table("", header, cols, rows);
    }

    private static String withCi(double v, Interval ci, double per) {
        if (ci == null || !ci.isDefined()) {
            return Numbers.si(v);
        }
        return Format.withInterval(Numbers.si(v), Numbers.si(ci.lo() / per), Numbers.si(ci.hi() / per));
    }

    /**
     * The Pareto chart: per series a line through its points in batch order, each point labelled with its batch
     * and its intervals in the hover text; the frontier over all series as a dashed grey line. Axes are
     * logarithmic where their values span more than {@value Plot#LOG_SPAN}×. Null without generate points.
     */
    static String chart(Analysis a) {
        Map<String, List<PointStats>> series = series(a);
        if (series.isEmpty()) {
            return null;
        }
        List<PointStats> all = series.values().stream().flatMap(List::stream).toList();
        double[] xs = all.stream().mapToDouble(PointStats::tokensPerS).toArray();
        double span = Arrays.stream(xs).max().orElse(1) / Arrays.stream(xs).min().orElse(1);
        Plot plot = new Plot("Tokens/s per user vs total, over batch")
                .subtitle("one curve per series; labels: batch; dashed: the frontier")
                .size(640, 400)
                .x("output tokens/s, all users", span > Plot.LOG_SPAN, Numbers::si)
                .y("output tokens/s per user", false, Numbers::si).yFromZero().yLinear();
        List<PointStats> frontier = all.stream().filter(p -> onFrontier(p, all))
                .sorted((p, q) -> Double.compare(p.tokensPerS(), q.tokensPerS())).toList();
        if (frontier.size() >= 2) {
            plot.line(frontier.stream().mapToDouble(PointStats::tokensPerS).toArray(),
                    frontier.stream().mapToDouble(PointStats::tokensPerSPerUser).toArray(), "#999", true, "frontier");
        }
        Plot.Marker[] markers = Plot.Marker.values();
        int i = 0;
        for (Map.Entry<String, List<PointStats>> e : series.entrySet()) {
            List<PointStats> ps = e.getValue();
            String color = Plot.PALETTE.get(i % Plot.PALETTE.size());
            Plot.Marker marker = markers[(i / Plot.PALETTE.size()) % (markers.length - 1)];
            double[] x = ps.stream().mapToDouble(PointStats::tokensPerS).toArray();
            double[] y = ps.stream().mapToDouble(PointStats::tokensPerSPerUser).toArray();
            String[] tips = ps.stream().map(p -> p.point().id() + ": " + withCi(p.tokensPerS(), p.tokensPerSCi(), 1)
                    + " output tokens/s, " + withCi(p.tokensPerSPerUser(), p.tokensPerSCi(), p.point().batch())
                    + " per user, " + p.trials() + " trials").toArray(String[]::new);
            plot.line(x, y, color, false, null)
                    .points(x, y, null, null, color, marker, false, e.getKey(), tips)
                    .labels(x, y, ps.stream().map(p -> "b" + p.point().batch()).toArray(String[]::new), color,
                            i % 2 == 1);
            i++;
        }
        return plot.render();
    }

    /** The capacity sentences, in the order of the answers. */
    static List<String> sentences(Analysis a) {
        return a.capacity().stream().map(Capacity::sentence).collect(Collectors.toList());
    }

    /** The capacity answers under the SLOs: each in words, then as a table; absent without any. */
    static void capacityHtml(StringBuilder sb, Analysis a) {
        if (a.capacity().isEmpty()) {
            return;
        }
        sb.append("<section id=\"capacity\">\n<h2>Capacity under SLOs</h2>\n<p class=\"muted\">")
                .append(escape(CAPACITY_LEAD)).append("</p>\n<ul class=\"headlines\">\n");
        for (String s : sentences(a)) {
            sb.append("<li>").append(escape(Headlines.stop(s))).append("</li>\n");
        }
        sb.append("</ul>\n");
        HtmlReport.table(sb, capacity(a));
        sb.append("</section>\n");
    }

    /** Output tokens/s per user against in total: the chart, and the table folded under it. */
    static void paretoHtml(StringBuilder sb, Analysis a) {
        String svg = chart(a);
        if (svg == null) {
            return;
        }
        Table t = pareto(a);
        sb.append("<section id=\"pareto\">\n<h2>Tokens/s per user vs total</h2>\n<p class=\"muted\">")
                .append(escape(PARETO_LEAD)).append("</p>\n<figure style=\"max-width:680px\">").append(svg)
                .append("</figure>\n");
        sb.append("<details><summary>Table <span class=\"count\">(").append(t.rows().size())
                .append(" points)</span></summary>\n");
        HtmlReport.table(sb, t);
        sb.append("</details>\n</section>\n");
    }
}
