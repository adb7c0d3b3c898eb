package dev.scalebench.report;

import static dev.scalebench.report.MarkdownReport.esc;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import java.util.List;

/**
 * {@code gate.md}: a gate's result as GitHub-flavoured Markdown for a pull-request or deploy comment. The verdict
 * and a paragraph in words first; then the points that are not PASS (regressions, inconclusive, warnings,
 * improvements); then every point in a collapsed {@code <details>}. Text from the data is escaped. The whole stays
 * under {@value #MAX_CHARS} characters (a GitHub comment holds 65 536): tables are cut, with a count of what was left
 * out, and {@code gate.json} has everything. The text is the same in every locale.
 */
public final class GateMarkdown {

    /** File name. */
    public static final String FILE = "gate.md";
    /** Most characters of the text. */
    public static final int MAX_CHARS = 60_000;
    /** Most characters the table of points that need attention (with its reasons) may take. */
    static final int MAX_ATTENTION_CHARS = 36_000;
    /** Most point ids named in a sentence or list before {@code and n more}. */
    static final int MAX_NAMED = 10;
    /** Room kept for what follows the table of every point. */
    private static final int TAIL = 400;
    private static final String HEADER =
            "| Point | Metric | Baseline | Candidate | Change [interval] | p (adj.) | Verdict |\n"
            + "|---|---|---:|---:|---:|---:|---|\n";

    private GateMarkdown() {
    }

    /** The result as Markdown ({@code \n} line ends, ending with a line break). */
    public static String render(GateResult r) {
        StringBuilder sb = new StringBuilder(16384);
        headline(sb, r);
        summary(sb, r);
        context(sb, r);
        attention(sb, r);
        onlyIn(sb, r);
        details(sb, r);
        return sb.toString();
    }

    private static void headline(StringBuilder sb, GateResult r) {
        sb.append("## scalebench gate: **").append(r.verdict().name()).append("** (exit ").append(r.exitCode())
                .append(")\n\n");
    }

    private static void summary(StringBuilder sb, GateResult r) {
        sb.append(String.join(" ", GateText.summary(r, MarkdownReport::esc, MAX_NAMED))).append("\n\n");
    }

    private static void context(StringBuilder sb, GateResult r) {
        sb.append("- **Baseline:** ").append(esc(GateText.run(r.baseline()))).append('\n');
        sb.append("- **Candidate:** ").append(esc(GateText.run(r.candidate()))).append('\n');
        sb.append("- **Policy:** ").append(esc(GateText.policy(r.policy()))).append("\n\n");
        if (!r.envMismatches().isEmpty()) {
            sb.append("**The environments differ** (gated anyway, as asked):\n\n");
            r.envMismatches().forEach(m -> sb.append("- ").append(esc(m)).append('\n'));
            sb.append('\n');
        }
        if (!r.notes().isEmpty()) {
            sb.append("**Notes**\n\n");
            r.notes().forEach(n -> sb.append("- ").append(esc(n)).append('\n'));
            sb.append('\n');
        }
        RepairNotes.markdown(sb, r.repairs(), GateJson.FILE);
    }

    private static void attention(StringBuilder sb, GateResult r) {
        List<PointVerdict> points = GateText.attention(r);
        if (points.isEmpty()) {
            return;
        }
        sb.append("### Points that need attention\n\n");
        int limit = sb.length() + MAX_ATTENTION_CHARS;
        StringBuilder why = new StringBuilder();
        StringBuilder table = new StringBuilder(HEADER);
        int shown = 0;
        for (PointVerdict p : points) {
            String rows = rows(p);
            String reason = "- **" + esc(p.pointId()) + "** (" + GateText.label(p) + "): " + esc(p.reason()) + '\n';
            if (sb.length() + table.length() + why.length() + rows.length() + reason.length() > limit) {
                break;
            }
            table.append(rows);
            why.append(reason);
            shown++;
        }
        sb.append(table).append('\n');
        sb.append(legend(r)).append("\n\n");
        sb.append(why).append('\n');
        omitted(sb, points.size() - shown, "points that need attention");
    }

    private static String legend(GateResult r) {
        return "Change: candidate / baseline − 1 of the medians over trials, with its "
                + Numbers.sig((1 - 2 * r.policy().alpha()) * 100, 3) + " % bootstrap interval. p (adj.): p-value of a "
                + "regression beyond the margin, adjusted for the number of tests (Holm over the blocking points, "
                + "Benjamini–Hochberg over the others).";
    }

    private static void onlyIn(StringBuilder sb, GateResult r) {
        if (!r.onlyInBaseline().isEmpty()) {
            sb.append("**Only in the baseline** (not gated): ")
                    .append(esc(GateText.ids(r.onlyInBaseline(), 2 * MAX_NAMED))).append("\n\n");
        }
        if (!r.onlyInCandidate().isEmpty()) {
            sb.append("**Only in the candidate** (not gated): ")
                    .append(esc(GateText.ids(r.onlyInCandidate(), 2 * MAX_NAMED))).append("\n\n");
        }
    }

    private static void details(StringBuilder sb, GateResult r) {
        if (r.points().isEmpty()) {
            return;
        }
        sb.append("<details><summary>All ").append(GateText.count(r.points().size(), "point", "points"))
                .append("</summary>\n\n").append(HEADER);
        int shown = 0;
        for (PointVerdict p : r.points()) {
            String rows = rows(p);
            if (sb.length() + rows.length() > MAX_CHARS - TAIL) {
                break;
            }
            sb.append(rows);
            shown++;
        }
        sb.append('\n');
        omitted(sb, r.points().size() - shown, "points");
        sb.append("</details>\n");
    }

    /** The table rows of one point: one per metric, the point named in the first. */
    private static String rows(PointVerdict p) {
        String name = esc(p.pointId()) + (p.blocking() ? "" : " (non-blocking)");
        if (p.tests().isEmpty()) {
            String n = GateText.NONE;
            return "| " + name + " | " + n + " | " + n + " | " + n + " | " + n + " | " + n + " | "
                    + verdict(GateText.label(p)) + " |\n";
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (MetricTest t : p.tests()) {
            sb.append("| ").append(first ? name : "").append(" | ").append(esc(GateText.metric(t))).append(" | ")
                    .append(GateText.value(t.metric(), t.baselineMedian())).append(" | ")
                    .append(GateText.value(t.metric(), t.candidateMedian())).append(" | ")
                    .append(GateText.change(t)).append(" | ")
                    .append(GateText.p(t.pRegressionAdjusted())).append(" | ")
                    .append(verdict(GateText.label(p, t))).append(t.tested() ? "" : " (not tested)").append(" |\n");
            first = false;
        }
        return sb.toString();
    }

    private static String verdict(String label) {
        return label.equals("REGRESSION") ? "**REGRESSION**" : label;
    }

    private static void omitted(StringBuilder sb, int n, String what) {
        if (n > 0) {
            sb.append("_").append(n).append(" more ").append(what).append(" not shown here: see gate.json._\n\n");
        }
    }
}
