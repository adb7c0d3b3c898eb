package dev.scalebench.report;

import dev.scalebench.analysis.fit.Headline;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md}: the analysis as GitHub-flavoured Markdown for a pull-request comment, leading with the answer:
 * the flagged-trials banner, the headline of each series (what holds within the measured levels; extrapolated
 * figures apart and labelled), the per-point table, then the fitted laws, the roofline and the bottleneck shifts
 * ({@link ShiftReport}). No HTML; text from the data (model names, sentences) is escaped; long lists are cut
 * ({@value #MAX_SERIES} series, {@value #MAX_POINTS} points, {@value #MAX_ROOFLINE} roofline rows, disagreements
 * kept first) with a note that {@code report.html} and {@code fits.json} have everything. The text is the same in
 * every locale.
 */
public final class MarkdownReport {

    /** Most series listed in the headlines and the table of laws. */
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
        headlines(sb, a);
        capacity(sb, a);
        points(sb, a);
        pareto(sb, a);
        laws(sb, a);
        roofline(sb, a);
        ShiftReport.markdown(sb, a);
        MemoryTradeoff.markdown(sb, a);
        EnergyReport.markdown(sb, a);
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
        List<String> banner = FlagNotes.banner(FlagNotes.counts(a), FlagNotes.trials(a));
        if (!banner.isEmpty()) {
            sb.append("**Flagged trials** (kept in every number below; the points tables mark their points):\n\n");
            for (String line : banner) {
                int colon = line.indexOf(": ");
                sb.append("- ⚠️ **").append(esc(line.substring(0, colon + 1))).append("** ")
                        .append(esc(line.substring(colon + 2))).append('\n');
            }
            sb.append('\n');
        }
        if (!a.warnings().isEmpty()) {
            sb.append("**Warnings**\n\n");
            for (String w : a.warnings()) {
                sb.append("- ⚠️ ").append(esc(w)).append('\n');
            }
            sb.append('\n');
        }
        RepairNotes.markdown(sb, a.repairs(), "report.html and fits.json");
    }

    private static void headlines(StringBuilder sb, Analysis a) {
        if (a.fits().isEmpty()) {
            return;
        }
        sb.append("## Headlines\n\n");
        sb.append(esc(Headlines.LEAD)).append("\n\n");
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
                Headline h = Headline.of(f);
                sb.append("- *").append(esc(f.key().label())).append("*: ");
                if (h == null) {
                    sb.append("no form could be fitted.\n");
                } else {
                    sb.append(esc(Headlines.sentence(h.measured()))).append(' ')
                            .append(esc(Headlines.sentence(h.basis())));
                    if (h.caution() != null) {
                        sb.append(" ⚠️ ").append(esc(Headlines.sentence(h.caution())));
                    }
                    sb.append('\n');
                    if (h.extrapolated() != null) {
                        sb.append("  - *").append(esc(Headlines.capital(h.extrapolatedLabel()))).append(":* ")
                                .append(esc(h.extrapolated())).append('\n');
                    }
                }
                for (String n : f.notes()) {
                    sb.append("  - ").append(esc(n)).append('\n');
                }
            }
            sb.append('\n');
        }
        omitted(sb, a.fits().size() - shown, "series");
    }

    /** The capacity answers of the generate series under the SLOs: each in words, then as a table. */
    private static void capacity(StringBuilder sb, Analysis a) {
        if (a.capacity().isEmpty()) {
            return;
        }
        sb.append("## Capacity under SLOs\n\n");
        sb.append(esc(GenerationReport.CAPACITY_LEAD)).append("\n\n");
        for (String s : GenerationReport.sentences(a)) {
            sb.append("- ").append(esc(Headlines.stop(s))).append('\n');
        }
        sb.append('\n');
        table(sb, GenerationReport.capacity(a));
    }

    /** Output tokens/s per user against in total, per generate point (the chart is in report.html). */
    private static void pareto(StringBuilder sb, Analysis a) {
        if (!GenerationReport.any(a)) {
            return;
        }
        sb.append("## Tokens/s per user vs total\n\n");
        sb.append(esc(GenerationReport.PARETO_LEAD)).append(" The chart is in report.html.\n\n");
        Table t = GenerationReport.pareto(a);
        Table cut = t.limit(MAX_POINTS);
        table(sb, cut);
        omitted(sb, t.rows().size() - cut.rows().size(), "points");
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
        sb.append(esc(Headlines.pointsLead(a))).append("\n\n");
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
     * Text from the data (model names, run ids, sentences) made safe in Markdown, inline and in a table cell: the
     * one escaping of every Markdown report ({@code report.md}, {@code compare.md}, {@code gate.md},
     * {@code trend.md}, {@code aa.md}). Line breaks become spaces and other control characters are dropped first,
     * so that what is left cannot join into markup. Then HTML cannot take effect: {@code &} and {@code >} always
     * become {@code &amp;} and {@code &gt;}, and {@code <} becomes {@code &lt;} wherever it could open a tag,
     * comment or autolink (before a letter, {@code /}, {@code !} or {@code ?}), so {@code <script>} is shown, not
     * run, by any renderer, even one that ignores backslash escapes. Markdown's own syntax is backslash-escaped
     * where it could take effect in the places the reports put text (never at the start of a line):
     * {@code \ ` * ~ |} always (so a {@code |} cannot split a table cell); {@code _} unless inside a word;
     * {@code ]} before {@code (} or {@code [} (a link); {@code #} at the start. Not for code spans, which show
     * entities as typed.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                clean.append(' ');
            } else if (!Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        StringBuilder sb = new StringBuilder(clean.length() + 8);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            char prev = i > 0 ? clean.charAt(i - 1) : ' ';
            char next = i + 1 < clean.length() ? clean.charAt(i + 1) : ' ';
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '>' -> sb.append("&gt;");
                case '<' -> sb.append(Character.isLetter(next) || next == '/' || next == '!' || next == '?'
                        ? "&lt;" : "<");
                case '\\', '`', '*', '~', '|' -> sb.append('\\').append(c);
                case '_' -> sb.append(Character.isLetterOrDigit(prev) && Character.isLetterOrDigit(next)
                        ? "_" : "\\_");
                case ']' -> sb.append(next == '(' || next == '[' ? "\\]" : "]");
                case '#' -> sb.append(i == 0 ? "\\#" : "#");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
