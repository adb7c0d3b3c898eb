package dev.scalebench.report;

import static dev.scalebench.report.MarkdownReport.esc;

import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.FitRow;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code compare.md}: a comparison as GitHub-flavoured Markdown for a pull-request comment. Tables are cut
 * ({@value #MAX_SPEEDUP_ROWS} speedup rows shared by the other runs, slower points kept first; {@value #MAX_ROWS}
 * rows of the other tables; {@value #MAX_SERIES} fitted series) with a count of what was left out, and the whole
 * text never exceeds {@value #MAX_CHARS} characters (GitHub's limit for a comment): beyond it, it is cut at a
 * line with a note. The text is the same in every locale.
 */
public final class CompareMarkdown {

    /** Longest text, in characters. */
    public static final int MAX_CHARS = 65_536;
    /** Most speedup rows, all other runs together (at least 10 per run). */
    public static final int MAX_SPEEDUP_ROWS = 80;
    /** Most rows of the cost, roofline, failure and fingerprint tables. */
    public static final int MAX_ROWS = 40;
    /** Most fitted series. */
    public static final int MAX_SERIES = 20;
    /** Most point ids listed per group of points present in only some runs. */
    public static final int MAX_LISTED = 20;

    private static final String MORE = "see compare.html";

    private CompareMarkdown() {
    }

    /** The comparison as Markdown ({@code \n} line ends, ending with a line break), at most {@link #MAX_CHARS}. */
    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder(32768);
        sb.append("# Comparison: ").append(esc(c.runs().stream().map(CompareRun::label)
                .collect(Collectors.joining(" vs ")))).append("\n\n");
        sb.append(esc(CompareTables.method(c))).append("\n\n");
        MarkdownReport.table(sb, CompareTables.runs(c));
        sb.append("## Summary\n\n");
        CompareTables.summary(c).forEach(s -> sb.append("- ").append(esc(s)).append('\n'));
        sb.append('\n');
        if (!c.notes().isEmpty()) {
            sb.append("**Notes**\n\n");
            c.notes().forEach(n -> sb.append("- ⚠️ ").append(esc(n)).append('\n'));
            sb.append('\n');
        }
        RepairNotes.markdown(sb, CompareTables.repairs(c), "compare.html");
        environment(sb, c);
        coverage(sb, c);
        speedups(sb, c);
        if (CompareTables.hasCost(c)) {
            sb.append("## Cost per million tokens\n\n");
            sb.append(esc(CompareTables.COST_LEAD)).append("\n\n");
            cut(sb, CompareTables.costs(c), MAX_ROWS, "points");
        }
        if (CompareTables.hasRoofline(c)) {
            sb.append("## Roofline: each run against its own ceilings\n\n");
            sb.append(esc(CompareTables.ROOFLINE_LEAD)).append("\n\n");
            cut(sb, CompareTables.roofline(c), MAX_ROWS, "points");
        }
        fits(sb, c);
        return limit(sb.toString());
    }

    private static void environment(StringBuilder sb, Comparison c) {
        sb.append("## Environment\n\n");
        if (c.fingerprintDiffs().isEmpty()) {
            sb.append("The runs' fingerprints agree on every key.\n\n");
            return;
        }
        sb.append("Fingerprint keys whose values differ (a comparison across machines is expected to differ on "
                + "the machine keys):\n\n");
        cut(sb, CompareTables.fingerprint(c), MAX_ROWS, "keys");
    }

    private static void coverage(StringBuilder sb, Comparison c) {
        sb.append("## Coverage\n\n");
        long all = c.rows().stream().filter(r -> r.inAll()).count();
        sb.append(all).append(" of ").append(c.rows().size()).append(" points are in every run.\n\n");
        for (String line : CompareTables.partial(c, MAX_LISTED)) {
            sb.append("- ").append(esc(line)).append('\n');
        }
        if (!c.partial().isEmpty()) {
            sb.append('\n');
        }
        if (!c.failures().isEmpty()) {
            sb.append("Points with failed trials (marked: no measurement in that run):\n\n");
            cut(sb, CompareTables.failures(c), MAX_ROWS, "points with failures");
        }
    }

    private static void speedups(StringBuilder sb, Comparison c) {
        int others = c.runs().size() - 1;
        int room = Math.max(10, MAX_SPEEDUP_ROWS / others);
        for (int i = 1; i < c.runs().size(); i++) {
            Table t = CompareTables.speedups(c, i);
            sb.append("## Speedups: ").append(esc(t.title())).append("\n\n");
            if (t.rows().isEmpty()) {
                sb.append("No point was measured in both.\n\n");
                continue;
            }
            cut(sb, new Table("", t.header(), t.cols(), t.rows()), room, "points");
        }
    }

    private static void fits(StringBuilder sb, Comparison c) {
        sb.append("## Fitted parameters\n\n");
        if (c.fits().isEmpty()) {
            sb.append("No series was fitted in the baseline and another run alike.\n\n");
            return;
        }
        sb.append("The selected form of each run and its headline quantities, with ")
                .append("bootstrap intervals from each run's fits.json.\n\n");
        List<FitRow> shown = c.fits().subList(0, Math.min(MAX_SERIES, c.fits().size()));
        Table t = CompareTables.fits(c, shown, true);
        MarkdownReport.table(sb, t);
        if (CompareTables.extrapolated(t)) {
            sb.append(esc(CompareTables.DAGGER_NOTE)).append("\n\n");
        }
        omitted(sb, c.fits().size() - shown.size(), "series");
    }

    private static void cut(StringBuilder sb, Table t, int max, String what) {
        Table shown = t.limit(max);
        MarkdownReport.table(sb, shown);
        omitted(sb, t.rows().size() - shown.rows().size(), what);
    }

    private static void omitted(StringBuilder sb, int n, String what) {
        if (n > 0) {
            sb.append("_").append(n).append(" more ").append(what).append(" not shown here: ").append(MORE)
                    .append("._\n\n");
        }
    }

    /** {@code md} cut at a line so that it and a note saying how much was left out fit in {@link #MAX_CHARS}. */
    static String limit(String md) {
        if (md.length() <= MAX_CHARS) {
            return md;
        }
        String note = "\n_The comparison is longer than a comment allows; %d more characters are left out: " + MORE
                + "._\n";
        int end = md.lastIndexOf('\n', MAX_CHARS - note.length() - 20);
        String kept = md.substring(0, end + 1);
        return kept + String.format(java.util.Locale.ROOT, note, md.length() - kept.length());
    }

    /** The summary sentences (for the terminal). */
    public static List<String> summary(Comparison c) {
        return CompareTables.summary(c);
    }
}
