package dev.scalebench.report;

import static dev.scalebench.report.MarkdownReport.esc;

import dev.scalebench.analysis.trend.ChangePoint;
import dev.scalebench.analysis.trend.TrendSeries;
import dev.scalebench.analysis.trend.Trends;
import java.util.List;

/**
 * {@code trend.md}: a short summary of the trends for a pull-request or chat message (and the console): what was
 * read, the change points ({@value #MAX_CHANGES} at most, regressions first), and how many series had none or
 * were too short. No HTML; text from the data escaped.
 */
public final class TrendMarkdown {

    /** Most change points listed. */
    public static final int MAX_CHANGES = 30;
    /** Most too-short series named. */
    public static final int MAX_SHORT = 10;

    private TrendMarkdown() {
    }

    /** The summary ({@code \n} line ends, ending with a line break). */
    public static String render(Trends t) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# Trends: ").append(esc(TrendFormat.scope(t))).append("\n\n");
        String span = TrendFormat.span(t);
        sb.append("- **Runs:** ").append(t.runCount()).append(span.isEmpty() ? "" : " (" + span + ")")
                .append(", **environments:** ").append(t.environments().size()).append('\n');
        sb.append("- **Series:** ").append(t.series().size()).append(" (").append(t.flagged().size())
                .append(" with a change point, ").append(t.tooShort().size()).append(" too short)\n");
        sb.append("- **Method:** ").append(esc(TrendFormat.method(t.options()))).append("\n\n");
        List<TrendSeries> ordered = TrendFormat.ordered(t);
        if (t.changeCount() == 0) {
            sb.append("No change point in any series.\n\n");
        } else {
            sb.append("| | series | env | from | change | before → after | p (BH) |\n")
                    .append("|---|---|---|---|---:|---|---:|\n");
            int listed = 0;
            for (TrendSeries s : ordered) {
                for (ChangePoint c : s.changes()) {
                    if (listed++ >= MAX_CHANGES) {
                        continue;
                    }
                    sb.append("| ").append(c.direction() == dev.scalebench.analysis.trend.Direction.REGRESSION
                            ? "🔴 regression" : "🟢 improvement")
                            .append(" | ").append(esc(s.key().label()))
                            .append(" | ").append(Trends.envLabel(s.key().env()))
                            .append(" | ").append(TrendFormat.date(c.started())).append(" (").append(esc(c.runId()))
                            .append(')')
                            .append(" | ").append(TrendFormat.change(c.relativeChange()))
                            .append(" | ").append(esc(TrendFormat.value(s.key().metric(), c.meanBefore())))
                            .append(" → ").append(esc(TrendFormat.value(s.key().metric(), c.meanAfter())))
                            .append(" | ").append(TrendFormat.p(c.adjustedP())).append(" |\n");
                }
            }
            sb.append('\n');
            if (listed > MAX_CHANGES) {
                sb.append("_").append(listed - MAX_CHANGES).append(" more change points in trend.html._\n\n");
            }
        }
        long quiet = t.series().size() - t.flagged().size() - t.tooShort().size();
        sb.append(quiet).append(" series without a change point.");
        List<TrendSeries> shortOnes = t.tooShort();
        if (!shortOnes.isEmpty()) {
            sb.append(" Too short to test (fewer than ").append(2 * t.options().minSegment()).append(" runs): ");
            for (int i = 0; i < Math.min(MAX_SHORT, shortOnes.size()); i++) {
                TrendSeries s = shortOnes.get(i);
                sb.append(i == 0 ? "" : ", ").append(esc(s.key().label())).append(" (")
                        .append(Trends.envLabel(s.key().env())).append(", ").append(s.runs().size()).append(" runs)");
            }
            sb.append(shortOnes.size() > MAX_SHORT ? " and " + (shortOnes.size() - MAX_SHORT) + " more." : ".");
        }
        sb.append("\n\nCharts of every flagged series: `trend.html`; all numbers: `trend.json`.\n");
        return sb.toString();
    }
}
