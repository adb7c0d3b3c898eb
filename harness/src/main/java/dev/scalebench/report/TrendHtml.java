package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.trend.ChangePoint;
import dev.scalebench.analysis.trend.Direction;
import dev.scalebench.analysis.trend.TrendSeries;
import dev.scalebench.analysis.trend.Trends;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trend.html}: the trends of a history as one self-contained page (inline CSS and SVG, no script, nothing
 * loaded from elsewhere; it parses as XML). First the change points, then a chart per flagged series (per series
 * with {@code all}), small multiples grouped by point, then a table of every series, flagged ones first, and the
 * environments the series were measured on.
 */
public final class TrendHtml {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            margin:0 auto;max-width:1400px;padding:12px 24px 40px;color:#222;line-height:1.45;background:#fafafa}
            h1{font-size:1.6em;margin:.3em 0 .1em}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:1.8em}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
            dl.meta dt{font-weight:600;color:#555}dl.meta dd{margin:0}
            nav{margin:10px 0;padding:6px 0;border-top:1px solid #eee;border-bottom:1px solid #eee}
            nav a{margin-right:14px;color:#0b5cad;text-decoration:none}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:12px}
            figure{margin:0;border:1px solid #e3e3e3;border-radius:4px;padding:4px;background:#fff}
            svg.plot{display:block;max-width:100%;height:auto;margin:0 auto}
            details{margin:8px 0}summary{cursor:pointer;font-weight:600;padding:4px 0}
            .count{color:#777;font-weight:normal}
            .tablewrap{overflow-x:auto}
            table{border-collapse:collapse;font-size:13px;margin:6px 0;background:#fff}
            th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top;text-align:left}
            th{background:#f1f1f1}td.num{text-align:right;white-space:nowrap}
            tr.regression td{background:#fde8dc}tr.improvement td{background:#e3f4ec}
            .muted{color:#666}footer{margin-top:3em;color:#888;font-size:.9em}
            """;

    private TrendHtml() {
    }

    /**
     * The page.
     *
     * @param t the trends
     * @param all whether to chart every series rather than only the flagged ones
     */
    public static String render(Trends t, boolean all) {
        StringBuilder sb = new StringBuilder(1 << 16);
        HtmlPage.open(sb, "Trends: " + TrendFormat.scope(t), CSS);
        header(sb, t);
        changes(sb, t);
        charts(sb, t, all);
        series(sb, t);
        environments(sb, t);
        HtmlPage.close(sb, "Written by scalebench trend. Self-contained: no scripts and nothing loaded from elsewhere; "
                + "the numbers are in trend.json.");
        return sb.toString();
    }

    private static void header(StringBuilder sb, Trends t) {
        sb.append("<header>\n<h1>Trends</h1>\n<dl class=\"meta\">");
        meta(sb, "Runs", t.runCount() + " (" + TrendFormat.scope(t) + ")" + span(t));
        meta(sb, "Series", t.series().size() + " (point × metric × environment), " + t.flagged().size()
                + " with a change point, " + t.tooShort().size() + " too short to test");
        meta(sb, "Change points", t.changeCount() + " (" + count(t, Direction.REGRESSION) + " regressions, "
                + count(t, Direction.IMPROVEMENT) + " improvements)");
        meta(sb, "Metrics", String.join(", ", t.options().metrics().stream().map(m -> m.id()).toList()));
        meta(sb, "Method", TrendFormat.method(t.options()));
        sb.append("</dl>\n</header>\n<nav>");
        for (String[] s : new String[][] {{"changes", "Change points"}, {"charts", "Charts"}, {"series", "Series"},
                {"environments", "Environments"}}) {
            sb.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
        }
        sb.append("</nav>\n");
    }

    private static String span(Trends t) {
        String s = TrendFormat.span(t);
        return s.isEmpty() ? "" : ", " + s;
    }

    private static long count(Trends t, Direction d) {
        return t.series().stream().flatMap(s -> s.changes().stream()).filter(c -> c.direction() == d).count();
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static void changes(StringBuilder sb, Trends t) {
        sb.append("<section id=\"changes\">\n<h2>Change points</h2>\n");
        if (t.changeCount() == 0) {
            sb.append("<p class=\"muted\">No change point in any series.</p>\n</section>\n");
            return;
        }
        sb.append("<div class=\"tablewrap\"><table>\n<thead><tr><th>series</th><th>env</th><th>from run</th>"
                + "<th>direction</th><th>change</th><th>before</th><th>after</th><th>p</th><th>p (BH)</th>"
                + "</tr></thead>\n<tbody>\n");
        for (TrendSeries s : TrendFormat.ordered(t)) {
            for (ChangePoint c : s.changes()) {
                sb.append("<tr class=\"").append(c.direction().id()).append("\">");
                cell(sb, s.key().label(), false);
                cell(sb, Trends.envLabel(s.key().env()), false);
                cell(sb, TrendFormat.date(c.started()) + " (run " + (c.index() + 1) + ", " + c.runId() + ")", false);
                cell(sb, c.direction().id(), false);
                cell(sb, TrendFormat.change(c.relativeChange()), true);
                cell(sb, TrendFormat.value(s.key().metric(), c.meanBefore()), true);
                cell(sb, TrendFormat.value(s.key().metric(), c.meanAfter()), true);
                cell(sb, TrendFormat.p(c.p()), true);
                cell(sb, TrendFormat.p(c.adjustedP()), true);
                sb.append("</tr>\n");
            }
        }
        sb.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void charts(StringBuilder sb, Trends t, boolean all) {
        sb.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        Map<String, List<TrendSeries>> groups = new LinkedHashMap<>();
        for (TrendSeries s : TrendFormat.ordered(t)) {
            if (!s.tooShort() && (all || s.flagged())) {
                groups.computeIfAbsent(s.key().sweep() + " · " + s.key().pointId() + " · "
                        + Trends.envLabel(s.key().env()), k -> new ArrayList<>()).add(s);
            }
        }
        if (groups.isEmpty()) {
            sb.append("<p class=\"muted\">").append(all ? "No series long enough to chart."
                    : "No series has a change point; run with --all to chart every series.").append("</p>\n");
            sb.append("</section>\n");
            return;
        }
        sb.append("<p class=\"muted\">").append(escape("Each point is one run: the median over its trials. Dashed: "
                + "the mean of each segment between change points. Rings: the first run after a change (red: "
                + "regression, green: improvement); p after Benjamini-Hochberg."
                + (all ? "" : " Only series with a change point are drawn; --all draws every series."))).append("</p>\n");
        int i = 0;
        for (Map.Entry<String, List<TrendSeries>> g : groups.entrySet()) {
            boolean flagged = g.getValue().stream().anyMatch(TrendSeries::flagged);
            sb.append(i++ == 0 || flagged || groups.size() <= HtmlReport.OPEN_GROUPS ? "<details open=\"open\">"
                    : "<details>").append("<summary>").append(escape(g.getKey()))
                    .append(" <span class=\"count\">(").append(g.getValue().size()).append(" charts)</span></summary>\n")
                    .append("<div class=\"grid\">\n");
            for (TrendSeries s : g.getValue()) {
                sb.append("<figure>").append(TrendChart.render(s)).append("</figure>\n");
            }
            sb.append("</div>\n</details>\n");
        }
        sb.append("</section>\n");
    }

    private static void series(StringBuilder sb, Trends t) {
        sb.append("<section id=\"series\">\n<h2>Series</h2>\n");
        if (t.series().isEmpty()) {
            sb.append("<p class=\"muted\">No series: the runs have no trials of the chosen metrics.</p>\n</section>\n");
            return;
        }
        sb.append("<div class=\"tablewrap\"><table>\n<thead><tr><th>sweep</th><th>point</th><th>metric</th>"
                + "<th>env</th><th>runs</th><th>dates</th><th>last</th><th>change points</th></tr></thead>\n<tbody>\n");
        for (TrendSeries s : TrendFormat.ordered(t)) {
            sb.append(s.regressed() ? "<tr class=\"regression\">" : s.flagged() ? "<tr class=\"improvement\">"
                    : "<tr>");
            cell(sb, s.key().sweep(), false);
            cell(sb, s.key().pointId(), false);
            cell(sb, s.key().metric().id(), false);
            cell(sb, Trends.envLabel(s.key().env()), false);
            cell(sb, Integer.toString(s.runs().size()), true);
            cell(sb, TrendFormat.date(s.runs().get(0).started()) + " to "
                    + TrendFormat.date(s.runs().get(s.runs().size() - 1).started()), false);
            cell(sb, TrendFormat.value(s.key().metric(), s.runs().get(s.runs().size() - 1).value()), true);
            cell(sb, TrendFormat.status(s, t.options()), false);
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void environments(StringBuilder sb, Trends t) {
        sb.append("<section id=\"environments\">\n<h2>Environments</h2>\n<p class=\"muted\">")
                .append(escape("A series follows one environment: the machine and engine facts of the run's "
                        + "fingerprint (not the code). A run on another environment starts another series."))
                .append("</p>\n<div class=\"tablewrap\"><table>\n<thead><tr><th>env</th><th>facts</th></tr></thead>\n"
                        + "<tbody>\n");
        for (int i = 0; i < t.environments().size(); i++) {
            sb.append("<tr>");
            cell(sb, Trends.envLabel(i), false);
            cell(sb, String.join("\n", TrendFormat.facts(t.environments().get(i))), false);
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void cell(StringBuilder sb, String text, boolean number) {
        sb.append(number ? "<td class=\"num\">" : "<td>").append(escape(text).replace("\n", "<br/>")).append("</td>");
    }
}
