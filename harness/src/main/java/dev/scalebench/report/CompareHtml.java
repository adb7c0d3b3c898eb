package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparison;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code compare.html}: a comparison as one self-contained page (inline CSS and SVG, no script, nothing loaded
 * from elsewhere; well-formed, it parses as XML). Throughput vs batch of every run overlaid per series with the
 * speedup beside it, an overview of the speedups, and every table in full.
 */
public final class CompareHtml {

    private static final String EXTRA_CSS = """
            .legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}
            """;

    private CompareHtml() {
    }

    /** The page ({@code \n} line ends). */
    public static String render(Comparison c) {
        String title = "Comparison: " + c.runs().stream().map(CompareRun::label).collect(Collectors.joining(" vs "));
        StringBuilder sb = new StringBuilder(1 << 18);
        HtmlPage.open(sb, title, HtmlReport.CSS + EXTRA_CSS).append("<header>\n<h1>").append(escape(title))
                .append("</h1>\n<p class=\"muted\">").append(escape(CompareTables.method(c))).append("</p>\n");
        HtmlReport.table(sb, CompareTables.runs(c));
        sb.append("<p class=\"legend\">");
        for (int i = 0; i < c.runs().size(); i++) {
            sb.append("<span style=\"background:").append(CompareCharts.color(i)).append("\"></span>")
                    .append(escape(c.runs().get(i).title()));
        }
        sb.append("</p>\n</header>\n<nav>");
        for (String[] s : new String[][] {{"summary", "Summary"}, {"curves", "Curves"}, {"speedups", "Speedups"},
                {"coverage", "Coverage"}, {"cost", "Cost"}, {"roofline", "Roofline"}, {"fits", "Fitted parameters"},
                {"environment", "Environment"}}) {
            sb.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
        }
        sb.append("</nav>\n");
        summary(sb, c);
        curves(sb, c);
        speedups(sb, c);
        coverage(sb, c);
        boolean cost = CompareTables.hasCost(c);
        section(sb, "cost", "Cost per million tokens", cost ? CompareTables.COST_LEAD
                : "No run's hardware profile has a price.", cost ? CompareTables.costs(c) : null, null);
        boolean roofline = CompareTables.hasRoofline(c);
        section(sb, "roofline", "Roofline: each run against its own ceilings", roofline ? CompareTables.ROOFLINE_LEAD
                : "No run has both a hardware profile and points with known work.",
                roofline ? CompareTables.roofline(c) : null, null);
        Table fits = c.fits().isEmpty() ? null : CompareTables.fits(c, c.fits(), false);
        section(sb, "fits", "Fitted parameters", fits == null
                ? "No series was fitted in the baseline and another run alike."
                : "The selected form of each run and every quantity it gives, with bootstrap intervals from each "
                        + "run's fits.json.", fits,
                fits != null && CompareTables.extrapolated(fits) ? CompareTables.DAGGER_NOTE : null);
        section(sb, "environment", "Environment", c.fingerprintDiffs().isEmpty()
                ? "The runs' fingerprints agree on every key."
                : "Fingerprint keys whose values differ (a comparison across machines is expected to differ on the "
                        + "machine keys).", c.fingerprintDiffs().isEmpty() ? null : CompareTables.fingerprint(c),
                null);
        HtmlPage.close(sb, "Written by scalebench compare. Self-contained: no scripts and nothing loaded from "
                + "elsewhere.");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, Comparison c) {
        sb.append("<section id=\"summary\">\n<h2>Summary</h2>\n<ul>\n");
        CompareTables.summary(c).forEach(s -> sb.append("<li>").append(escape(s)).append("</li>\n"));
        sb.append("</ul>\n");
        if (!c.notes().isEmpty()) {
            sb.append("<div class=\"warnings\">\n<h3>Notes</h3>\n<ul>\n");
            c.notes().forEach(n -> sb.append("<li>").append(escape(n)).append("</li>\n"));
            sb.append("</ul>\n</div>\n");
        }
        RepairNotes.html(sb, CompareTables.repairs(c));
        sb.append("</section>\n");
    }

    private static void curves(StringBuilder sb, Comparison c) {
        sb.append("<section id=\"curves\">\n<h2>Throughput and speedup vs batch</h2>\n");
        Map<String, List<String>> groups = CompareCharts.series(c);
        List<String> overview = CompareCharts.overview(c);
        if (groups.isEmpty() && overview.isEmpty()) {
            sb.append("<p class=\"muted\">Nothing to plot.</p>\n</section>\n");
            return;
        }
        if (!overview.isEmpty()) {
            sb.append("<div class=\"grid\">\n");
            overview.forEach(svg -> sb.append("<figure>").append(svg).append("</figure>\n"));
            sb.append("</div>\n");
        }
        int i = 0;
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            sb.append(i++ == 0 || groups.size() <= HtmlReport.OPEN_GROUPS ? "<details open=\"open\">" : "<details>")
                    .append("<summary>").append(escape(g.getKey())).append(" <span class=\"count\">(")
                    .append(g.getValue().size()).append(" charts)</span></summary>\n<div class=\"grid\">\n");
            g.getValue().forEach(svg -> sb.append("<figure>").append(svg).append("</figure>\n"));
            sb.append("</div>\n</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void speedups(StringBuilder sb, Comparison c) {
        sb.append("<section id=\"speedups\">\n<h2>Speedups</h2>\n<p class=\"muted\">Medians of the per-trial values"
                + ", baseline → other, and the speedup with its interval; marked where the other run is slower."
                + "</p>\n");
        for (int i = 1; i < c.runs().size(); i++) {
            Table t = CompareTables.speedups(c, i);
            sb.append(i == 1 ? "<details open=\"open\">" : "<details>").append("<summary>").append(escape(t.title()))
                    .append(" <span class=\"count\">(").append(t.rows().size()).append(" points)</span></summary>\n");
            HtmlReport.table(sb, t);
            sb.append("</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void coverage(StringBuilder sb, Comparison c) {
        sb.append("<section id=\"coverage\">\n<h2>Coverage</h2>\n<p>");
        long all = c.rows().stream().filter(r -> r.inAll()).count();
        sb.append(all).append(" of ").append(c.rows().size()).append(" points are in every run.</p>\n");
        List<String> partial = CompareTables.partial(c, Integer.MAX_VALUE);
        if (!partial.isEmpty()) {
            sb.append("<ul>\n");
            partial.forEach(p -> sb.append("<li>").append(escape(p)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        if (!c.failures().isEmpty()) {
            sb.append("<p>Points with failed trials (marked: no measurement in that run):</p>\n");
            HtmlReport.table(sb, CompareTables.failures(c));
        }
        sb.append("</section>\n");
    }

    /** A section with a lead paragraph, a table (may be null) and a footnote when there is a table (may be null). */
    private static void section(StringBuilder sb, String id, String title, String lead, Table t, String footnote) {
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n")
                .append("<p class=\"muted\">").append(escape(lead)).append("</p>\n");
        if (t != null) {
            HtmlReport.table(sb, t);
            if (footnote != null) {
                sb.append("<p class=\"muted\">").append(escape(footnote)).append("</p>\n");
            }
        }
        sb.append("</section>\n");
    }
}
