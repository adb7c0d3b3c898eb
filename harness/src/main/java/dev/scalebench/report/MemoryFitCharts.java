package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Band;
import dev.scalebench.analysis.fit.MemoryFit;
import dev.scalebench.analysis.fit.MemoryForm;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory fits of a run ({@link MemoryFit}, fits.json {@code memoryFits}) drawn and tabled: per series over batch
 * or seq, the measured peak memory growth of each point and the chosen form's curve with its 95 % band, as the
 * latency fits are drawn ({@link Charts}), on linear axes (so that a line is drawn straight and a parabola curved);
 * in report.md a table of the forms and coefficients. Part of the "Latency vs memory" section
 * ({@link MemoryTradeoff}); nothing when no series has enough measured levels.
 */
final class MemoryFitCharts {

    /** The sub-section's lead. */
    static final String LEAD = "Peak memory growth against batch and sequence length, per series with at least "
            + MemoryFit.MIN_LEVELS + " measured levels: the measured points and the fitted form with its 95 % band. "
            + "The form is a line a + b·x or a parabola a + b·x + c·x² (tried from " + MemoryFit.MIN_QUADRATIC_LEVELS
            + " levels), chosen by AICc as for latency; see docs/analysis.md, “Memory against batch and seq”.";

    private MemoryFitCharts() {
    }

    /** One chart per fitted series, batch series first; empty when none could be fitted. */
    static List<String> charts(List<MemoryFit> fits) {
        List<String> out = new ArrayList<>();
        for (MemoryFit f : fits) {
            double[] x = f.x();
            double[] y = f.bytes();
            String[] tips = new String[x.length];
            for (int i = 0; i < x.length; i++) {
                tips[i] = f.axis() + " " + Numbers.si(x[i]) + ": " + Numbers.si(y[i], "B") + " measured, "
                        + Numbers.si(f.at(x[i]), "B") + " fitted";
            }
            String color = Plot.PALETTE.get(0);
            Band b = f.band();
            Plot plot = new Plot(title(f))
                    .subtitle(f.form().id() + " " + f.form().formula() + " (weight "
                            + Numbers.sig(f.akaikeWeight(), 2) + ")")
                    .x(f.axis(), false, Numbers::si).y("peak memory growth", false, v -> Numbers.si(v, "B"))
                    .yLinear().yFromZero();
            if (allFinite(b.lo()) && allFinite(b.hi())) {
                plot.band(b.x(), b.lo(), b.hi(), color, "95 % band");
            }
            plot.line(b.x(), b.fit(), color, false, "fit")
                    .points(x, y, null, null, Plot.PALETTE.get(1), Plot.Marker.CIRCLE, false, "measured", tips);
            out.add(plot.render());
        }
        return out;
    }

    /** The HTML sub-section: its heading, lead and the charts in a grid; nothing without a fit. */
    static void html(StringBuilder sb, List<PointStats> points) {
        List<String> charts = charts(MemoryFit.fit(points));
        if (charts.isEmpty()) {
            return;
        }
        sb.append("<h3>Memory vs batch and sequence length</h3>\n<p class=\"muted\">").append(escape(LEAD))
                .append("</p>\n<div class=\"grid\">\n");
        charts.forEach(svg -> sb.append("<figure>").append(svg).append("</figure>\n"));
        sb.append("</div>\n");
    }

    /** The Markdown sub-section: one row per fitted series; nothing without a fit. */
    static void markdown(StringBuilder sb, List<PointStats> points) {
        List<MemoryFit> fits = MemoryFit.fit(points);
        if (fits.isEmpty()) {
            return;
        }
        sb.append("### Memory vs batch and sequence length\n\n").append(MarkdownReport.esc(LEAD))
                .append(" The charts are in report.html.\n\n");
        List<Table.Row> rows = new ArrayList<>();
        for (MemoryFit f : fits) {
            String unit = "batch".equals(f.axis()) ? "B/seq" : "B/token";
            rows.add(new Table.Row(List.of(f.series(), f.form().id(), Numbers.sig(f.akaikeWeight(), 2),
                    bytes(f.interceptBytes(), f.interceptCi(), "B"), bytes(f.slopeBytes(), f.slopeCi(), unit),
                    f.form() == MemoryForm.QUADRATIC ? bytes(f.quadraticBytes(), f.quadraticCi(), unit + "²") : "-",
                    Numbers.percent(f.maxAbsRelResidual())), false));
        }
        Table t = new Table("", List.of("series", "form", "weight", "a [95 % CI]", "b [95 % CI]", "c [95 % CI]",
                "max residual"), List.of(Table.Col.TEXT, Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER,
                Table.Col.NUMBER, Table.Col.NUMBER, Table.Col.NUMBER), rows);
        Table cut = t.limit(MarkdownReport.MAX_POINTS);
        MarkdownReport.table(sb, cut);
        if (cut.rows().size() < t.rows().size()) {
            sb.append("_").append(t.rows().size() - cut.rows().size())
                    .append(" more series not shown here: see fits.json (memoryFits)._\n\n");
        }
    }

    private static String title(MemoryFit f) {
        String id = f.series();
        int colon = id.indexOf(':');
        return (colon < 0 ? id : id.substring(colon + 1)) + " · memory vs " + f.axis();
    }

    private static String bytes(double v, Interval ci, String unit) {
        String s = Numbers.si(v, unit);
        return ci.isDefined() ? Format.withInterval(s, Numbers.si(ci.lo(), unit), Numbers.si(ci.hi(), unit)) : s;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
