package dev.scalebench.report;

import dev.scalebench.analysis.Analysis;
import dev.scalebench.analysis.fit.SeriesFit;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md}: the analysis as GitHub-flavoured Markdown for a pull-request comment. No HTML; text from the
 * data (model names, sentences) is escaped; long lists are cut ({@value #MAX_SERIES} series,
 * {@value #MAX_POINTS} points, {@value #MAX_ROOFLINE} roofline rows, disagreements kept first) with a note that
 * {@code report.html} and {@code fits.json} have everything. The text is the same in every locale.
 */
public final class MarkdownReport {

    /** Most series listed in the findings and the table of laws. */
    public static final int MAX_SERIES = 40;
    /** Most rows of the points tables, all groups together. */
    public static final int MAX_POINTS = 60;
    /** Most rows of the table of roofline disagreements. */
    public static final int MAX_ROOFLINE = 40;
    /** Up to this many roofline points are listed one by one; more are summarized per model, dtype and phase. */
    public static final int MAX_ROOFLINE_ALL = 16;

    private MarkdownReport() {
    }

    /** The report as Markdown ({@code \n} line ends, ending with a line break). */
    public static String render(Analysis a) {
        StringBuilder sb = new StringBuilder(16384);
        header(sb, a);
        findings(sb, a);
        laws(sb, a);
        roofline(sb, a);
        points(sb, a);
        return sb.toString();
    }

    private static void header(StringBuilder sb, Analysis a) {
        sb.append("# Scaling report: ").append(esc(a.source())).append("\n\n");
        String device = a.device() == null || a.device().isEmpty() ? "unknown" : a.device();
        sb.append("- **Device:** ").append(esc(device)).append('\n');
        sb.append("- **Metric:** ").append(esc(Format.metric(a.metric()))).append('\n');
        sb.append("- **Bootstrap:** ").append(esc(Format.bootstrap(a.options()))).append('\n');
        sb.append("- **Hardware profile:** ").append(esc(Format.hardware(a.hardware(), a.spec()))).append('\n');
        sb.append("- **Data:** ").append(a.points().size()).append(" points, ").append(a.fits().size())
                .append(" series fitted, ").append(a.roofline().size()).append(" on the roofline (")
                .append(Tables.disagreements(a)).append(" disagreeing with the predicted bound)\n\n");
        if (!a.warnings().isEmpty()) {
            sb.append("**Warnings**\n\n");
            for (String w : a.warnings()) {
                sb.append("- ⚠️ ").append(esc(w)).append('\n');
            }
            sb.append('\n');
        }
        RepairNotes.markdown(sb, a.repairs(), "report.html and fits.json");
    }

    private static void findings(StringBuilder sb, Analysis a) {
        if (a.fits().isEmpty()) {
            return;
        }
        sb.append("## Findings\n\n");
        int shown = 0;
        for (Map.Entry<String, List<SeriesFit>> g : Tables.groups(a.fits(), Tables::group).entrySet()) {
            if (shown >= MAX_SERIES) {
                break;
            }
            sb.append("**").append(esc(g.getKey())).append("**\n\n");
            for (SeriesFit f : g.getValue()) {
                if (shown >= MAX_SERIES) {
                    break;
                }
                shown++;
                sb.append("- *").append(esc(f.key().label())).append("*: ")
                        .append(esc(Tables.finding(f)))
                        .append('\n');
                for (String n : f.notes()) {
                    sb.append("  - ").append(esc(n)).append('\n');
                }
            }
            sb.append('\n');
        }
        omitted(sb, a.fits().size() - shown, "series");
    }

    private static void laws(StringBuilder sb, Analysis a) {
        if (a.fits().isEmpty()) {
            return;
        }
        sb.append("## Fitted laws\n\n");
        sb.append("Selected form per series (lowest AICc), its Akaike weight, parameters and derived quantities "
                + "with intervals, the error predicting the largest levels when left out, and the other forms.\n\n");
        int room = MAX_SERIES;
        for (Table t : Tables.laws(a)) {
            if (room <= 0) {
                break;
            }
            Table cut = t.limit(room);
            room -= cut.rows().size();
            table(sb, cut);
        }
        sb.append(esc(Format.extrapolationNote(a))).append("\n\n");
        omitted(sb, a.fits().size() - (MAX_SERIES - room), "series");
    }

    private static void roofline(StringBuilder sb, Analysis a) {
        if (a.hardware() == null || a.roofline().isEmpty()) {
            return;
        }
        sb.append("## Roofline: ").append(esc(a.hardware().name())).append("\n\n");
        sb.append(esc(Format.ceilings(a.hardware()))).append(".\n\n");
        if (a.spec() != null) {
            sb.append(esc("Data sheet (" + a.spec().id() + "): " + Format.ceilings(a.spec()))).append(".\n\n");
        }
        long dis = Tables.disagreements(a);
        if (a.roofline().size() <= MAX_ROOFLINE_ALL) {
            if (dis > 0) {
                sb.append("**").append(dis).append(" of ").append(a.roofline().size())
                        .append(" points are not bound where their arithmetic intensity predicts** (marked).\n\n");
            }
            table(sb, Tables.roofline(a));
            return;
        }
        sb.append("Points per bound, and the best fraction of each peak reached:\n\n");
        table(sb, Tables.rooflineSummary(a));
        if (dis > 0) {
            sb.append("**").append(dis).append(" of ").append(a.roofline().size())
                    .append(" points are not bound where their arithmetic intensity predicts:**\n\n");
            Table t = Tables.roofline(a, true).limit(MAX_ROOFLINE);
            table(sb, t);
            omitted(sb, (int) dis - t.rows().size(), "disagreeing points");
        }
    }

    private static void points(StringBuilder sb, Analysis a) {
        if (a.points().isEmpty()) {
            return;
        }
        sb.append("## Points\n\n");
        sb.append("Geometric means over trials with 95 % intervals; throughput from the analysed metric.\n\n");
        int room = MAX_POINTS;
        for (Table t : Tables.points(a)) {
            if (room <= 0) {
                break;
            }
            Table cut = t.limit(room);
            room -= cut.rows().size();
            table(sb, cut);
        }
        omitted(sb, a.points().size() - (MAX_POINTS - room), "points");
    }

    private static void omitted(StringBuilder sb, int n, String what) {
        if (n > 0) {
            sb.append("_").append(n).append(" more ").append(what)
                    .append(" not shown here: see report.html or fits.json._\n\n");
        }
    }

    static void table(StringBuilder sb, Table t) {
        if (!t.title().isEmpty()) {
            sb.append("#### ").append(esc(t.title())).append("\n\n");
        }
        sb.append('|');
        for (String h : t.header()) {
            sb.append(' ').append(esc(h)).append(" |");
        }
        sb.append("\n|");
        for (Table.Col c : t.cols()) {
            sb.append(c == Table.Col.NUMBER ? "---:|" : "---|");
        }
        sb.append('\n');
        for (Table.Row r : t.rows()) {
            sb.append('|');
            for (int i = 0; i < r.cells().size(); i++) {
                String c = esc(r.cells().get(i).replace("\n", "; "));
                sb.append(' ').append(r.flagged() && i == 0 ? "⚠️ " + c : c).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    /**
     * Text safe in Markdown, inline and in a table cell, escaping only what could take effect where the reports
     * put text (never at the start of a line): {@code \ ` * ~ | &} always; {@code _} unless inside a word;
     * {@code <} before a letter, {@code /}, {@code !} or {@code ?} (an HTML tag); {@code ]} before {@code (} or
     * {@code [} (a link); line breaks become spaces, other control characters are dropped.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = i > 0 ? s.charAt(i - 1) : ' ';
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            boolean escape = switch (c) {
                case '\\', '`', '*', '~', '|', '&' -> true;
                case '_' -> !(Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next));
                case '<' -> Character.isLetter(next) || next == '/' || next == '!' || next == '?';
                case ']' -> next == '(' || next == '[';
                default -> false;
            };
            if (c == '\n' || c == '\r' || c == '\t') {
                sb.append(' ');
            } else if (c >= 0x20) {
                sb.append(escape ? "\\" : "").append(c);
            }
        }
        return sb.toString();
    }
}
