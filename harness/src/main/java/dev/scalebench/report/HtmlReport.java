package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Headline;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.svg.Plot;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page that opens offline. Inline CSS and hand-made inline SVG only: no
 * script, no external style sheet, font or image. Well-formed (it parses as XML), all text from the data
 * escaped. It leads with the answer: the flagged-trials banner, then per series the headline of its fit (what
 * holds within the measured levels; extrapolated figures apart and labelled), then the per-point table; charts,
 * roofline, latency vs measured memory (only when a point measured it, {@link MemoryTradeoff}), energy per token
 * (only when the run has energy readings, {@link EnergyReport}), residuals and
 * fitted laws follow. Charts are small multiples in a CSS grid, grouped by model in
 * {@code <details>} sections (all open up to {@value #OPEN_GROUPS} groups, else only the first; the points tables
 * all open up to {@value #OPEN_POINTS} points), so that a hundred series stay navigable.
 */
public final class HtmlReport {

    /** Up to this many groups per section are expanded. */
    public static final int OPEN_GROUPS = 4;
    /** Up to this many points, every table of the points section is expanded (else only the first). */
    public static final int OPEN_POINTS = 120;

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            margin:0 auto;max-width:1400px;padding:12px 24px 40px;color:#222;line-height:1.45;background:#fafafa}
            h1{font-size:1.6em;margin:.3em 0 .1em}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:1.8em}
            .src{color:#555;margin:0 0 8px;word-break:break-all}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
            dl.meta dt{font-weight:600;color:#555}dl.meta dd{margin:0}
            nav{margin:10px 0;padding:6px 0;border-top:1px solid #eee;border-bottom:1px solid #eee}
            nav a{margin-right:14px;color:#0b5cad;text-decoration:none}
            .warnings{background:#fff8e1;border:1px solid #f0c36d;padding:2px 16px;border-radius:4px}
            .banner{background:#fdecea;border:1px solid #e6a5a0;padding:2px 16px;border-radius:4px;margin:10px 0}
            .banner li{margin:3px 0}
            ul.headlines li{margin:5px 0}.basis{color:#666}.caution{color:#a3261b}
            .extrapolated{color:#555;font-size:.92em;margin:2px 0 0 1.2em}
            .tag{display:inline-block;border:1px solid #aaa;border-radius:3px;padding:0 5px;font-size:.85em;\
            background:#f1f1f1;color:#444}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:12px}
            figure{margin:0;border:1px solid #e3e3e3;border-radius:4px;padding:4px;background:#fff}
            svg.plot{display:block;max-width:100%;height:auto;margin:0 auto}
            details{margin:8px 0}summary{cursor:pointer;font-weight:600;padding:4px 0}
            .count{color:#777;font-weight:normal}
            ul.notes{color:#666;font-size:.92em}
            .tablewrap{overflow-x:auto}
            table{border-collapse:collapse;font-size:13px;margin:6px 0;background:#fff}
            th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top;text-align:left}
            th{background:#f1f1f1}td.num{text-align:right;white-space:nowrap}td.lines{white-space:nowrap}
            tr.flag td{background:#fff3cd}
            .muted{color:#666}footer{margin-top:3em;color:#888;font-size:.9em}
            """;

    private HtmlReport() {
    }

    /** The report as one HTML document ({@code \n} line ends). */
    public static String render(Analysis a) {
        StringBuilder sb = new StringBuilder(1 << 18);
        HtmlPage.open(sb, "Scaling report: " + a.source(), CSS);
        header(sb, a);
        headlines(sb, a);
        GenerationReport.capacityHtml(sb, a);
        points(sb, a);
        charts(sb, "throughput", "Throughput vs batch",
                "Sequences per second. Points: the point's throughput (median over trials of batch / the trial's "
                        + "mean step time) with its 95 % interval; line and band: the selected fit of batch / the "
                        + "analysed metric and its bootstrap band. The "
                        + "y axis is logarithmic (marked “(log)”) where the values span more than "
                        + (int) Plot.LOG_SPAN + "×.",
                Charts.throughput(a));
        GenerationReport.paretoHtml(sb, a);
        charts(sb, "latency", "Latency vs batch and sequence length",
                "p50 and p99 step latency per point (medians over trials, 95 % intervals).", Charts.latency(a));
        List<String> size = Charts.modelSize(a);
        if (!size.isEmpty()) {
            charts(sb, "model-size", "Latency vs model size", "Log–log; the selected fit, and the power law when "
                    + "it was fitted.", Map.of(Tables.ALL_MODELS, size));
        }
        roofline(sb, a);
        MemoryTradeoff.html(sb, a);
        EnergyReport.html(sb, a);
        charts(sb, "residuals", "Residuals", "Log residuals ln(observed / fitted) of each selected fit, per trial; "
                + "a pattern (not noise around zero) means the form misses something.", Charts.residuals(a));
        laws(sb, a);
        HtmlPage.close(sb, "Written by scalebench from " + escape(a.source())
                + ". Self-contained: no scripts and nothing loaded from elsewhere; the numbers are in fits.json.");
        return sb.toString();
    }

    private static void header(StringBuilder sb, Analysis a) {
        sb.append("<header>\n<h1>Scaling report</h1>\n<p class=\"src\">").append(escape(a.source())).append("</p>\n")
                .append("<dl class=\"meta\">");
        meta(sb, "Device", a.device() == null || a.device().isEmpty() ? "unknown" : a.device());
        meta(sb, "Metric", Format.metric(a.metric()));
        meta(sb, "Bootstrap", Format.bootstrap(a.options()));
        meta(sb, "Hardware profile", Format.hardware(a.hardware(), a.spec()));
        meta(sb, "Data", a.points().size() + " points, " + a.fits().size() + " series fitted, "
                + a.roofline().size() + " on the roofline (" + Tables.disagreements(a)
                + " disagreeing with the predicted bound)");
        sb.append("</dl>\n</header>\n<nav>");
        boolean capacity = !a.capacity().isEmpty();
        boolean pareto = GenerationReport.any(a);
        boolean modelSize = a.fits().stream().anyMatch(f -> f.key().axis() == Axis.MODEL);
        for (String[] s : new String[][] {{"headlines", "Headlines"}, {"capacity", capacity ? "Capacity" : null},
                {"points", "Points"}, {"throughput", "Throughput"}, {"pareto", pareto ? "Tokens/s per user" : null},
                {"latency", "Latency"}, {"model-size", modelSize ? "Model size" : null},
                {"roofline", "Roofline"}, {"memory", MemoryTradeoff.any(a) ? "Memory" : null},
                {"energy", EnergyReport.any(a) ? "Energy" : null},
                {"residuals", "Residuals"}, {"laws", "Fitted laws"}}) {
            if (s[1] != null) {
                sb.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
            }
        }
        sb.append("</nav>\n");
        List<String> banner = FlagNotes.banner(FlagNotes.counts(a), FlagNotes.trials(a));
        if (!banner.isEmpty()) {
            sb.append("<section id=\"flags\" class=\"banner\">\n<h3>Flagged trials</h3>\n<ul>\n");
            for (String line : banner) {
                int colon = line.indexOf(": ");
                sb.append("<li><b>").append(escape(line.substring(0, colon + 1))).append("</b> ")
                        .append(escape(line.substring(colon + 2))).append("</li>\n");
            }
            sb.append("</ul>\n<p class=\"muted\">Flagged trials are kept in every number below; the points tables "
                    + "mark their points.</p>\n</section>\n");
        }
        if (!a.warnings().isEmpty()) {
            sb.append("<section id=\"warnings\" class=\"warnings\">\n<h3>Warnings</h3>\n<ul>\n");
            for (String w : a.warnings()) {
                sb.append("<li>").append(escape(w)).append("</li>\n");
            }
            sb.append("</ul>\n</section>\n");
        }
        RepairNotes.html(sb, a.repairs());
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static void openGroup(StringBuilder sb, int index, int groups, String title, String count) {
        group(sb, index == 0 || groups <= OPEN_GROUPS, title, count);
    }

    private static void group(StringBuilder sb, boolean open, String title, String count) {
        sb.append(open ? "<details open=\"open\">" : "<details>").append("<summary>")
                .append(escape(title)).append(" <span class=\"count\">(").append(escape(count))
                .append(")</span></summary>\n");
    }

    private static void headlines(StringBuilder sb, Analysis a) {
        sb.append("<section id=\"headlines\">\n<h2>Headlines</h2>\n");
        if (a.fits().isEmpty()) {
            sb.append("<p class=\"muted\">No series could be fitted.</p>\n</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape(Headlines.LEAD)).append("</p>\n");
        Map<String, List<SeriesFit>> groups = Tables.groups(a.fits(), Tables::group);
        int i = 0;
        for (Map.Entry<String, List<SeriesFit>> g : groups.entrySet()) {
            openGroup(sb, i++, groups.size(), g.getKey(), g.getValue().size() + " series");
            sb.append("<ul class=\"headlines\">\n");
            for (SeriesFit f : g.getValue()) {
                Headline h = Headline.of(f);
                sb.append("<li><b>").append(escape(f.key().label())).append("</b>: ");
                if (h == null) {
                    sb.append("no form could be fitted.");
                } else {
                    sb.append(escape(Headlines.sentence(h.measured()))).append(" <span class=\"basis\">")
                            .append(escape(Headlines.sentence(h.basis()))).append("</span>");
                    if (h.caution() != null) {
                        sb.append(" <span class=\"caution\">⚠ ").append(escape(Headlines.sentence(h.caution())))
                                .append("</span>");
                    }
                    if (h.extrapolated() != null) {
                        sb.append("<div class=\"extrapolated\"><span class=\"tag\">extrapolated</span> beyond the "
                                + "measured ").append(escape(h.range())).append(": ").append(escape(h.extrapolated()))
                                .append("</div>");
                    }
                }
                if (!f.notes().isEmpty()) {
                    sb.append("<ul class=\"notes\">");
                    f.notes().forEach(n -> sb.append("<li>").append(escape(n)).append("</li>"));
                    sb.append("</ul>");
                }
                sb.append("</li>\n");
            }
            sb.append("</ul>\n</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void charts(StringBuilder sb, String id, String title, String lead, Map<String, List<String>> g) {
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
        if (g.isEmpty()) {
            sb.append("<p class=\"muted\">Nothing to plot.</p>\n</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape(lead)).append("</p>\n");
        int i = 0;
        for (Map.Entry<String, List<String>> e : g.entrySet()) {
            openGroup(sb, i++, g.size(), e.getKey(), e.getValue().size() + " charts");
            sb.append("<div class=\"grid\">\n");
            for (String svg : e.getValue()) {
                sb.append("<figure>").append(svg).append("</figure>\n");
            }
            sb.append("</div>\n</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void roofline(StringBuilder sb, Analysis a) {
        sb.append("<section id=\"roofline\">\n<h2>Roofline</h2>\n");
        String svg = RooflineChart.render(a);
        if (svg == null) {
            sb.append("<p class=\"muted\">").append(escape(a.hardware() == null
                    ? "No hardware profile matched the device, so there is no roofline."
                    : "No point has known work (FLOPs and bytes).")).append("</p>\n");
            sb.append("</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape(Format.ceilings(a.hardware()))).append(".</p>\n");
        if (a.spec() != null) {
            sb.append("<p class=\"muted\">").append(escape("Data sheet (" + a.spec().id() + "): "
                    + Format.ceilings(a.spec()))).append(".</p>\n");
        }
        sb.append("<figure>").append(svg).append("</figure>\n");
        ShiftReport.html(sb, a);
        Table t = Tables.roofline(a);
        long dis = Tables.disagreements(a);
        boolean many = t.rows().size() > MarkdownReport.MAX_ROOFLINE_ALL;
        if (many) {
            table(sb, Tables.rooflineSummary(a));
        }
        sb.append(dis > 0 && !many ? "<details open=\"open\">" : "<details>")
                .append("<summary>Roofline table <span class=\"count\">(").append(t.rows().size()).append(" points, ")
                .append(dis).append(" disagree)</span></summary>\n");
        table(sb, t);
        sb.append("</details>\n</section>\n");
    }

    private static void laws(StringBuilder sb, Analysis a) {
        sb.append("<section id=\"laws\">\n<h2>Fitted laws</h2>\n");
        List<Table> tables = Tables.laws(a);
        if (tables.isEmpty()) {
            sb.append("<p class=\"muted\">No series could be fitted.</p>\n");
        }
        for (int i = 0; i < tables.size(); i++) {
            openGroup(sb, i, tables.size(), tables.get(i).title(), tables.get(i).rows().size() + " series");
            table(sb, tables.get(i));
            sb.append("</details>\n");
        }
        sb.append("<p class=\"muted\">").append(escape(Format.extrapolationNote(a))).append("</p>\n</section>\n");
    }

    private static void points(StringBuilder sb, Analysis a) {
        sb.append("<section id=\"points\">\n<h2>Points</h2>\n");
        List<Table> tables = Tables.points(a);
        if (tables.isEmpty()) {
            sb.append("<p class=\"muted\">No point has an OK trial.</p>\n</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape(Headlines.pointsLead(a))).append("</p>\n");
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            long flagged = t.rows().stream().filter(Table.Row::flagged).count();
            group(sb, i == 0 || a.points().size() <= OPEN_POINTS, t.title(), t.rows().size() + " points"
                    + (flagged > 0 ? ", " + flagged + " flagged" : ""));
            table(sb, t);
            sb.append("</details>\n");
        }
        sb.append("</section>\n");
    }

    static void table(StringBuilder sb, Table t) {
        sb.append("<div class=\"tablewrap\"><table>\n<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Table.Row r : t.rows()) {
            sb.append(r.flagged() ? "<tr class=\"flag\">" : "<tr>");
            for (int i = 0; i < r.cells().size(); i++) {
                sb.append(switch (t.cols().get(i)) {
                    case NUMBER -> "<td class=\"num\">";
                    case LINES -> "<td class=\"lines\">";
                    case TEXT -> "<td>";
                })
                        .append(escape(r.cells().get(i)).replace("\n", "<br/>")).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n");
    }
}
