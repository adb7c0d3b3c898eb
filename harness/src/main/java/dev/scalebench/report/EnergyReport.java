package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.EnergyFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.svg.Plot;
import dev.scalebench.results.PointStatistic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The energy of a run with energy readings (docs/analysis.md, "Energy"): a log–log chart of energy per token against
 * batch, one curve per series (model, dtype, phase, seq, output) with each point's 95 % interval over trials and,
 * dashed, the series' fitted power law ({@link EnergyFit}); and a table per point of J/token, J/step and power. A run
 * without readings has no section, in report.html ({@link #html}) and report.md ({@link #markdown}) alike.
 */
final class EnergyReport {

    /** The section's lead. */
    static final String LEAD = "Energy per token (median over the trials with an energy reading, 95 % interval) "
            + "against batch, log–log, one curve per series; dashed: the fitted power law J/token = c·batch^k "
            + "(see docs/analysis.md, “Energy”). A point without readings is left out.";

    private EnergyReport() {
    }

    /** The points with energy per token by series, each in batch order; series without one are absent. */
    static Map<String, List<PointStats>> series(List<PointStats> points) {
        Map<String, List<PointStats>> out = new LinkedHashMap<>();
        for (PointStats p : points) {
            if (p.energy() != null && p.energy().joulesPerToken().value() > 0) {
                out.computeIfAbsent(MemoryTradeoff.label(p.point()), k -> new ArrayList<>()).add(p);
            }
        }
        out.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingInt(p -> p.point().batch())).toList());
        return out;
    }

    /** Whether {@code a} has energy figures (and so the reports have an energy section). */
    static boolean any(Analysis a) {
        return !series(a.points()).isEmpty();
    }

    /** The chart's SVG; empty without energy figures. */
    static String chart(List<PointStats> points) {
        Map<String, List<PointStats>> series = series(points);
        if (series.isEmpty()) {
            return "";
        }
        Map<String, EnergyFit> fits = new LinkedHashMap<>();
        EnergyFit.fit(points).stream().filter(f -> f.axis().equals("batch")).forEach(f -> fits.put(f.series(), f));
        Plot plot = new Plot("Energy per token vs batch").x("batch", true, Numbers::si)
                .y("energy per token", true, v -> Numbers.si(v, "J"));
        int i = 0;
        for (Map.Entry<String, List<PointStats>> e : series.entrySet()) {
            List<PointStats> ps = e.getValue();
            int n = ps.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            String[] tips = new String[n];
            for (int k = 0; k < n; k++) {
                PointStatistic j = ps.get(k).energy().joulesPerToken();
                x[k] = ps.get(k).point().batch();
                y[k] = j.value();
                lo[k] = j.ci95().lo();
                hi[k] = j.ci95().hi();
                tips[k] = e.getKey() + ", batch " + (int) x[k] + ": " + Numbers.si(y[k], "J") + " per token";
            }
            String color = Plot.PALETTE.get(i % Plot.PALETTE.size());
            EnergyFit fit = fits.get(seriesId(ps.get(0).point()));
            if (fit != null) {
                double[] fx = {x[0], x[n - 1]};
                plot.line(fx, new double[] {fit.at(fx[0]), fit.at(fx[1])}, color, true, null);
            } else {
                plot.line(x, y, color, false, null);
            }
            plot.points(x, y, lo, hi, color, Plot.Marker.values()[i % Plot.Marker.values().length], false, e.getKey(),
                    tips);
            i++;
        }
        return plot.render();
    }

    private static String seriesId(PointKey k) {
        return new dev.scalebench.analysis.fit.SeriesKey(dev.scalebench.analysis.fit.Axis.BATCH, k.model(), k.dtype(),
                k.phase(), 0, k.seq(), k.output(), dev.scalebench.results.TrialMetric.JOULES_PER_TOKEN).id();
    }

    /** The HTML section {@code <section id="energy">}: the chart and the table, or nothing without energy. */
    static void html(StringBuilder sb, Analysis a) {
        String svg = chart(a.points());
        if (svg.isEmpty()) {
            return;
        }
        sb.append("<section id=\"energy\">\n<h2>Energy per token</h2>\n<p class=\"muted\">").append(escape(LEAD))
                .append("</p>\n<figure>").append(svg).append("</figure>\n");
        HtmlReport.table(sb, table(a));
        for (String line : laws(a)) {
            sb.append("<p>").append(escape(line)).append("</p>\n");
        }
        sb.append("</section>\n");
    }

    /** The Markdown section {@code ## Energy}: the table and the fitted laws, or nothing without energy. */
    static void markdown(StringBuilder sb, Analysis a) {
        if (!any(a)) {
            return;
        }
        sb.append("## Energy\n\n").append(MarkdownReport.esc(LEAD)).append(" The chart is in report.html.\n\n");
        Table t = table(a);
        Table cut = t.limit(MarkdownReport.MAX_POINTS);
        MarkdownReport.table(sb, cut);
        if (cut.rows().size() < t.rows().size()) {
            sb.append("_").append(t.rows().size() - cut.rows().size())
                    .append(" more points not shown here: see fits.json (energy)._\n\n");
        }
        for (String line : laws(a)) {
            sb.append("- ").append(MarkdownReport.esc(line)).append('\n');
        }
        sb.append('\n');
    }

    /** Per point with energy: series, batch, J/token [CI], J/step [CI], power [CI]. */
    static Table table(Analysis a) {
        List<Table.Row> rows = new ArrayList<>();
        series(a.points()).forEach((name, ps) -> ps.forEach(p -> rows.add(new Table.Row(List.of(name,
                Integer.toString(p.point().batch()), value(p.energy().joulesPerToken(), "J"),
                value(p.energy().joulesPerStep(), "J"), value(p.energy().powerW(), "W")), false))));
        return new Table("", List.of("series", "batch", "J/token [95 % CI]", "J/step [95 % CI]",
                "power [95 % CI]"), List.of(Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER, Table.Col.NUMBER,
                Table.Col.NUMBER), rows);
    }

    /** One sentence per fitted law: {@code batch:…/joules_per_token: J/token = 1 mJ · batch^-0.8 (k [lo, hi])}. */
    static List<String> laws(Analysis a) {
        List<String> out = new ArrayList<>();
        for (EnergyFit f : EnergyFit.fit(a.points())) {
            String k = Numbers.sig(f.exponent(), 3);
            String ci = f.exponentCi().isDefined() ? " [" + Numbers.sig(f.exponentCi().lo(), 3) + ", "
                    + Numbers.sig(f.exponentCi().hi(), 3) + "]" : "";
            out.add(f.series() + ": J/token = " + Numbers.si(f.coefficientJ(), "J") + " · " + f.axis() + "^" + k
                    + ", k" + ci + " (95 %), largest misfit " + (f.maxAbsRelResidual() < 0.001 ? "< 0.1 %"
                    : Numbers.percent(f.maxAbsRelResidual())));
        }
        return out;
    }

    private static String value(PointStatistic s, String unit) {
        String v = Numbers.si(s.value(), unit);
        return s.ci95().isDefined() ? Format.withInterval(v, Numbers.si(s.ci95().lo(), unit),
                Numbers.si(s.ci95().hi(), unit)) : v;
    }
}
