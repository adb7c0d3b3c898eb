package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code gate.html}: a gate's result as one self-contained page in the style of {@code report.html} and
 * {@code compare.html} (inline CSS and SVG, no script, nothing loaded from elsewhere; well-formed, it parses as
 * XML). The verdict first, with the same sentences as {@code gate.md}; then the points that need attention, their
 * intervals drawn against the margin ({@link GateChart}) and tabled with the reason for each; then every point.
 * Every string from the runs (run ids, point ids, notes, repairs, the policy's name) is escaped.
 */
public final class GateHtml {

    /** File name. */
    public static final String FILE = "gate.html";
    /**
     * The most rows (points × metrics) a plot draws: the plot of every point is left out past it, the plot of the
     * points that need attention cut to the most urgent.
     */
    static final int MAX_PLOT_ROWS = 400;

    private static final String EXTRA_CSS = """
            .verdict{display:inline-block;padding:2px 12px;border-radius:4px;color:#fff;letter-spacing:.02em}
            .v-REGRESSION{background:#D55E00}.v-INCONCLUSIVE{background:#CC79A7}.v-PASS{background:#009E73}\
            .v-IMPROVED{background:#0072B2}.v-WARNING{background:#E69F00}
            p.lead{font-size:1.08em;max-width:1100px}
            td.v{font-weight:600;white-space:nowrap}td.v.REGRESSION{color:#D55E00}td.v.WARNING{color:#b07800}\
            td.v.INCONCLUSIVE{color:#a0487f}td.v.PASS{color:#00795a}td.v.IMPROVED{color:#0072B2}
            tr.first td{border-top:2px solid #ccc}
            ul.why li{margin:3px 0}
            """;

    private GateHtml() {
    }

    /** The page ({@code \n} line ends). */
    public static String render(GateResult r) {
        String title = "Gate: " + r.verdict().name() + " — " + r.candidate().runId() + " against "
                + r.baseline().runId();
        StringBuilder sb = new StringBuilder(1 << 16);
        HtmlPage.open(sb, title, HtmlReport.CSS + EXTRA_CSS);
        header(sb, r);
        context(sb, r);
        attention(sb, r);
        onlyIn(sb, r);
        every(sb, r);
        HtmlPage.close(sb, "Written by scalebench gate. Self-contained: no scripts and nothing loaded from elsewhere;"
                + " every number is in gate.json.");
        return sb.toString();
    }

    private static void header(StringBuilder sb, GateResult r) {
        sb.append("<header>\n<h1>scalebench gate: <span class=\"verdict v-").append(r.verdict().name()).append("\">")
                .append(r.verdict().name()).append("</span> <span class=\"count\">(exit ").append(r.exitCode())
                .append(")</span></h1>\n<p class=\"lead\">")
                .append(escape(String.join(" ", GateText.summary(r, UnaryOperator.identity(),
                        GateMarkdown.MAX_NAMED)))).append("</p>\n<dl class=\"meta\">");
        meta(sb, "Baseline", GateText.run(r.baseline()));
        meta(sb, "Candidate", GateText.run(r.candidate()));
        meta(sb, "Policy", GateText.policy(r.policy()));
        meta(sb, "Points", GateText.count(r.points().size(), "point", "points") + " gated, "
                + r.points().stream().filter(PointVerdict::blocking).count() + " blocking; "
                + r.count(Verdict.PASS) + " PASS, "
                + r.count(Verdict.IMPROVED) + " IMPROVED, "
                + r.count(Verdict.INCONCLUSIVE) + " INCONCLUSIVE, "
                + r.points().stream().filter(PointVerdict::fails).count() + " REGRESSION, "
                + r.warnings().size() + " WARNING");
        sb.append("</dl>\n</header>\n<nav>");
        for (String[] s : new String[][] {{"attention", "Points that need attention"}, {"points", "Every point"}}) {
            sb.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
        }
        sb.append("</nav>\n");
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static void context(StringBuilder sb, GateResult r) {
        if (!r.envMismatches().isEmpty() || !r.notes().isEmpty()) {
            sb.append("<section id=\"notes\" class=\"warnings\">\n");
            if (!r.envMismatches().isEmpty()) {
                sb.append("<h3>The environments differ (gated anyway, as asked)</h3>\n<ul>\n");
                r.envMismatches().forEach(m -> sb.append("<li>").append(escape(m)).append("</li>\n"));
                sb.append("</ul>\n");
            }
            if (!r.notes().isEmpty()) {
                sb.append("<h3>Notes</h3>\n<ul>\n");
                r.notes().forEach(n -> sb.append("<li>").append(escape(n)).append("</li>\n"));
                sb.append("</ul>\n");
            }
            sb.append("</section>\n");
        }
        RepairNotes.html(sb, r.repairs());
    }

    private static void attention(StringBuilder sb, GateResult r) {
        List<PointVerdict> points = GateText.attention(r);
        sb.append("<section id=\"attention\">\n<h2>Points that need attention <span class=\"count\">(")
                .append(points.size()).append(")</span></h2>\n");
        if (points.isEmpty()) {
            sb.append("<p>None: every point passed.</p>\n</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape(legend(r))).append("</p>\n");
        List<GateChart.Row> rows = GateChart.rows(points);
        if (rows.size() > MAX_PLOT_ROWS) {
            sb.append("<p class=\"muted\">The plot shows the first ").append(MAX_PLOT_ROWS).append(" of ")
                    .append(rows.size()).append(" rows, the most urgent first; the table has them all.</p>\n");
            rows = rows.subList(0, MAX_PLOT_ROWS);
        }
        sb.append("<figure>").append(GateChart.render(rows, "Points that need attention: "
                + "change with its interval against the margin")).append("</figure>\n");
        table(sb, points);
        sb.append("<ul class=\"why\">\n");
        for (PointVerdict p : points) {
            sb.append("<li><b>").append(escape(p.pointId())).append("</b> (").append(GateText.label(p))
                    .append("): ").append(escape(p.reason())).append(" <span class=\"muted\">(")
                    .append(escape(GateText.trials(p))).append(")</span></li>\n");
        }
        sb.append("</ul>\n</section>\n");
    }

    private static String legend(GateResult r) {
        return "Each row: one metric at one point. Change: candidate / baseline − 1 of the medians over trials, with "
                + "its " + Numbers.sig((1 - 2 * r.policy().alpha()) * 100, 3) + " % bootstrap interval; in the plot "
                + "every metric is turned so that worse is to the right, and the shaded zone lies beyond its margin. "
                + "p (adj.): p-value of a regression beyond the margin, adjusted for the number of tests (Holm over "
                + "the blocking points, Benjamini–Hochberg over the others). A point that could not be tested shows "
                + "the medians the runs have, without an interval.";
    }

    private static void onlyIn(StringBuilder sb, GateResult r) {
        if (r.onlyInBaseline().isEmpty() && r.onlyInCandidate().isEmpty()) {
            return;
        }
        sb.append("<section id=\"only\">\n<h2>Points in one run only (not gated)</h2>\n<ul>\n");
        if (!r.onlyInBaseline().isEmpty()) {
            sb.append("<li>Only in the baseline: ").append(escape(String.join(", ", r.onlyInBaseline())))
                    .append("</li>\n");
        }
        if (!r.onlyInCandidate().isEmpty()) {
            sb.append("<li>Only in the candidate: ").append(escape(String.join(", ", r.onlyInCandidate())))
                    .append("</li>\n");
        }
        sb.append("</ul>\n</section>\n");
    }

    private static void every(StringBuilder sb, GateResult r) {
        sb.append("<section id=\"points\">\n<h2>Every point <span class=\"count\">(").append(r.points().size())
                .append(")</span></h2>\n");
        if (r.points().isEmpty()) {
            sb.append("<p class=\"muted\">The runs have no point in common.</p>\n</section>\n");
            return;
        }
        List<GateChart.Row> rows = GateChart.rows(r.points());
        if (rows.size() <= MAX_PLOT_ROWS) {
            sb.append("<details><summary>Interval plot <span class=\"count\">(").append(rows.size())
                    .append(" rows)</span></summary>\n<figure>")
                    .append(GateChart.render(rows, "Every point: change with its interval against the margin"))
                    .append("</figure>\n</details>\n");
        } else {
            sb.append("<p class=\"muted\">").append(rows.size()).append(" rows are too many to plot; the table has "
                    + "them all.</p>\n");
        }
        table(sb, r.points());
        sb.append("</section>\n");
    }

    private static void table(StringBuilder sb, List<PointVerdict> points) {
        sb.append("<div class=\"tablewrap\"><table>\n<thead><tr><th>Point</th><th>Metric</th><th>Baseline</th>"
                + "<th>Candidate</th><th>Change [interval]</th><th>p (adj.)</th><th>Verdict</th><th>Trials</th>"
                + "</tr></thead>\n<tbody>\n");
        for (PointVerdict p : points) {
            boolean first = true;
            for (MetricTest t : p.tests()) {
                String label = GateText.label(p, t);
                sb.append(first ? "<tr class=\"first\">" : "<tr>");
                sb.append("<td>").append(first ? escape(p.pointId()) + (p.blocking() ? "" : " <span class=\"muted\">"
                        + "(non-blocking)</span>") : "").append("</td>");
                sb.append("<td>").append(escape(GateText.metric(t))).append("</td>");
                num(sb, GateText.value(t.metric(), t.baselineMedian()));
                num(sb, GateText.value(t.metric(), t.candidateMedian()));
                num(sb, GateText.change(t));
                num(sb, GateText.p(t.pRegressionAdjusted()));
                sb.append("<td class=\"v ").append(label).append("\">").append(label)
                        .append(t.tested() ? "" : " <span class=\"muted\">(not tested)</span>").append("</td>");
                sb.append("<td class=\"num\">").append(first ? escape(p.baselineTrials() + " / "
                        + p.candidateTrials() + (p.candidateFailed() > 0 ? " (" + p.candidateFailed()
                        + " failed)" : "")) : "").append("</td>");
                sb.append("</tr>\n");
                first = false;
            }
            if (p.tests().isEmpty()) {
                sb.append("<tr class=\"first\"><td>").append(escape(p.pointId())).append("</td>")
                        .append("<td colspan=\"5\" class=\"muted\">").append(escape(p.reason())).append("</td>")
                        .append("<td class=\"v ").append(GateText.label(p)).append("\">").append(GateText.label(p))
                        .append("</td><td class=\"num\">").append(p.baselineTrials()).append(" / ")
                        .append(p.candidateTrials()).append("</td></tr>\n");
            }
        }
        sb.append("</tbody>\n</table></div>\n");
    }

    private static void num(StringBuilder sb, String s) {
        sb.append("<td class=\"num\">").append(escape(s)).append("</td>");
    }
}
