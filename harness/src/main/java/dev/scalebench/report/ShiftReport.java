package dev.scalebench.report;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.BottleneckShift.Kind;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.report.svg.Xml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The bottleneck shifts in report.md and report.html (docs/analysis.md, "Bottleneck shift"): one sentence per
 * series, those with a shift or a knee first, then those bound alike over their measured range; at most
 * {@value #MAX_SENTENCES}, with a note of how many more fits.json holds. Nothing without shifts (no roofline).
 * Also picks the series whose path the roofline chart draws.
 */
final class ShiftReport {

    /** Most sentences listed. */
    static final int MAX_SENTENCES = 24;
    private static final String LEAD = "Where each series' observed bound changes along batch or sequence length:"
            + " interpolated in log(level) between the two measured levels either side, with a 95 % cluster-bootstrap"
            + " interval over trials (docs/analysis.md, \"Bottleneck shift\"). Nothing is said beyond the measured"
            + " range.";

    private ShiftReport() {
    }

    /** The sentences, shifts and knees first, in the analysis's order within each group. */
    static List<String> sentences(Analysis a) {
        List<String> out = new ArrayList<>();
        a.shifts().stream().filter(s -> s.kind() != Kind.NONE).forEach(s -> out.add(s.sentence()));
        a.shifts().stream().filter(s -> s.kind() == Kind.NONE).forEach(s -> out.add(s.sentence()));
        return out;
    }

    /** The "Bottleneck shifts" section of report.md. */
    static void markdown(StringBuilder sb, Analysis a) {
        if (a.shifts().isEmpty()) {
            return;
        }
        sb.append("## Bottleneck shifts\n\n").append(MarkdownReport.esc(LEAD)).append("\n\n");
        List<String> all = sentences(a);
        all.stream().limit(MAX_SENTENCES).forEach(s -> sb.append("- ").append(MarkdownReport.esc(s)).append('\n'));
        sb.append('\n');
        if (all.size() > MAX_SENTENCES) {
            sb.append("_").append(all.size() - MAX_SENTENCES)
                    .append(" more series not shown here: see fits.json (shifts)._\n\n");
        }
    }

    /** The bottleneck shifts in report.html's roofline section. */
    static void html(StringBuilder sb, Analysis a) {
        if (a.shifts().isEmpty()) {
            return;
        }
        sb.append("<h3 id=\"shifts\">Bottleneck shifts</h3>\n<p class=\"muted\">").append(Xml.escape(LEAD))
                .append("</p>\n<ul class=\"shifts\">\n");
        List<String> all = sentences(a);
        all.stream().limit(MAX_SENTENCES).forEach(s -> sb.append("<li>").append(Xml.escape(s)).append("</li>\n"));
        sb.append("</ul>\n");
        if (all.size() > MAX_SENTENCES) {
            sb.append("<p class=\"muted\">").append(all.size() - MAX_SENTENCES)
                    .append(" more series not shown here: see fits.json (shifts).</p>\n");
        }
    }

    /**
     * The series the roofline chart draws the path of: the first with a crossing, among those the one with the
     * most points on the roofline; null when no series crosses.
     */
    static BottleneckShift drawn(Analysis a) {
        return a.shifts().stream().filter(s -> s.kind() == Kind.CROSSING)
                .max(Comparator.comparingInt((BottleneckShift s) -> path(a, s).size())
                        .thenComparing(s -> -a.shifts().indexOf(s)))
                .orElse(null);
    }

    /** The roofline points of {@code s}'s series, in level order. */
    static List<RooflinePoint> path(Analysis a, BottleneckShift s) {
        Axis axis = Arrays.stream(Axis.values()).filter(x -> x.id().equals(s.axis())).findFirst().orElse(null);
        if (axis == null) {
            return List.of();
        }
        return a.roofline().stream().filter(r -> {
            SeriesKey k = SeriesKey.of(axis, r.point(), a.metric());
            return k != null && k.id().equals(s.series());
        }).sorted(Comparator.comparingInt(r -> axis == Axis.BATCH ? r.point().batch() : r.point().seq())).toList();
    }
}
