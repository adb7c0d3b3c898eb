package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.compare.Arm;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.analysis.compare.FitRow;
import dev.scalebench.analysis.compare.MatchKey;
import dev.scalebench.analysis.compare.PointRow;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables and sentences of a comparison, the same content for Markdown and HTML (plain text, not escaped). */
final class CompareTables {

    /** Shown where a run lacks a value. */
    static final String NONE = "–";
    /** What the cost table shows. */
    static final String COST_LEAD = "At the median throughput, from each run's hardware profile price; intervals "
            + "from the throughput's. The ratio is the other run's cost per token over the baseline's.";
    /** What the roofline table shows. */
    static final String ROOFLINE_LEAD = "Achieved FLOP/s and bytes/s (work per step over the median of the trials' "
            + "mean step latency) as fractions of the run's hardware profile; marked where the bound is not the one "
            + "the arithmetic intensity predicts.";
    /** The footnote of {@link Format#DAGGER} in the fits table. */
    static final String DAGGER_NOTE = Format.DAGGER + " extrapolated: beyond the extrapolation limit of the run's "
            + "measured range (see its report).";

    private CompareTables() {
    }

    /** What the ratios are, in one paragraph. */
    static String method(Comparison c) {
        String ignored = c.options().ignore().isEmpty() ? "" : " (ignoring " + String.join(", ",
                c.options().ignore().stream().map(Object::toString).sorted().toList()) + ")";
        return "Baseline: " + c.runs().get(0).title() + ". Points are matched by model, dtype, phase, batch and seq"
                + ignored + ". Per point and metric: the ratio of the medians of the per-trial values, other / "
                + "baseline, with a " + Numbers.percent(c.options().level()) + " bootstrap interval over trials ("
                + c.options().resamples() + " resamples), said as a speedup: faster means lower latency or higher "
                + "throughput. Intervals are per point, not corrected for the number of points.";
    }

    /** Every run's repairs made while reading it, each as {@code <label>: <repair>}, in run order. */
    static List<String> repairs(Comparison c) {
        List<String> out = new ArrayList<>();
        c.runs().forEach(r -> r.repairs().forEach(w -> out.add(r.label() + ": " + w)));
        return out;
    }

    /** One sentence per other run and metric, then one per other run on cost. */
    static List<String> summary(Comparison c) {
        List<String> out = new ArrayList<>();
        for (Comparison.Summary s : c.summaries()) {
            String head = c.runs().get(s.run()).label() + " vs " + c.runs().get(0).label() + ", " + s.metric().id()
                    + ": ";
            if (s.points() == 0) {
                out.add(head + "no point measured in both.");
                continue;
            }
            double g = s.geomeanSpeedup();
            out.add(head + (g >= 1 ? Effect.times(g) + " faster" : Effect.times(1 / g) + " slower")
                    + " (geometric mean over " + s.points() + (s.points() == 1 ? " point" : " points")
                    + "; speedups " + Effect.times(s.minSpeedup()) + " to " + Effect.times(s.maxSpeedup())
                    + "); faster at " + s.faster() + ", slower at " + s.slower() + ", unclear at " + s.unclear()
                    + ".");
        }
        for (int i = 1; i < c.runs().size(); i++) {
            int run = i;
            double[] ratios = c.rows().stream().map(r -> r.cost(run)).filter(x -> x != null)
                    .mapToDouble(PointRow.CostRatio::ratio).toArray();
            if (ratios.length > 0) {
                double g = Math.exp(java.util.Arrays.stream(ratios).map(Math::log).average().orElse(Double.NaN));
                out.add(c.runs().get(i).label() + " vs " + c.runs().get(0).label() + ", cost per token: "
                        + Effect.times(g) + " of " + c.runs().get(0).label() + "'s (geometric mean over "
                        + ratios.length + " points; " + (g < 1 ? "cheaper" : "dearer") + ").");
            }
        }
        return out;
    }

    /** The runs: label, id, sweep, device, hardware profile and price, status, points and trials. */
    static Table runs(Comparison c) {
        List<Table.Row> rows = new ArrayList<>();
        for (CompareRun r : c.runs()) {
            int failed = r.metrics().failedTrials().values().stream().mapToInt(Integer::intValue).sum();
            String hw = r.hardware() == null ? "none" : r.hardware().id() + (r.hardwareForced() ? " (--hardware)"
                    : " (matched)");
            rows.add(new Table.Row(List.of(r.label(), r.runId(), r.metrics().sweep(),
                    r.device().isEmpty() ? "unknown" : r.device(), hw, price(r.pricePerHour()),
                    r.metrics().status().name().toLowerCase(java.util.Locale.ROOT),
                    Integer.toString(r.metrics().points().size()),
                    r.metrics().trials().size() + (failed > 0 ? " (+" + failed + " failed)" : "")), false));
        }
        return new Table("", List.of("run", "id", "sweep", "device", "hardware profile", "price", "status",
                "points", "OK trials"), List.of(Table.Col.TEXT, Table.Col.TEXT, Table.Col.TEXT, Table.Col.TEXT,
                Table.Col.TEXT, Table.Col.NUMBER, Table.Col.TEXT, Table.Col.NUMBER, Table.Col.NUMBER), rows);
    }

    private static String price(double p) {
        return Double.isFinite(p) ? "$" + Numbers.sig(p, 3) + "/h" : "no price";
    }

    /** Fingerprint keys whose values differ; machine and engine keys are marked. */
    static Table fingerprint(Comparison c) {
        List<String> header = new ArrayList<>(List.of("key"));
        c.runs().forEach(r -> header.add(r.label()));
        List<Table.Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : c.fingerprintDiffs().entrySet()) {
            boolean machine = Fingerprint.COMPARABLE_KEYS.contains(e.getKey());
            List<String> cells = new ArrayList<>(List.of(e.getKey() + (machine ? " (machine/engine)" : "")));
            e.getValue().forEach(v -> cells.add(v == null ? NONE : v));
            rows.add(new Table.Row(cells, false));
        }
        return new Table("", header, Collections.nCopies(header.size(), Table.Col.TEXT), rows);
    }

    /** The speedups of run {@code run} over the baseline, one row per matched point; slower rows flagged. */
    static Table speedups(Comparison c, int run) {
        String a = c.runs().get(0).label();
        String b = c.runs().get(run).label();
        List<String> header = new ArrayList<>(List.of("point", "trials " + a + " / " + b));
        List<Table.Col> cols = new ArrayList<>(List.of(Table.Col.TEXT, Table.Col.NUMBER));
        for (TrialMetric m : c.metrics()) {
            header.add(m.id() + ": " + a + " → " + b);
            cols.add(Table.Col.LINES);
        }
        List<Table.Row> rows = new ArrayList<>();
        for (PointRow r : c.matched(run)) {
            List<String> cells = new ArrayList<>(List.of(r.key().id(), r.arm(0).trials() + " / "
                    + r.arm(run).trials()));
            boolean slower = false;
            for (TrialMetric m : c.metrics()) {
                Effect e = r.effect(run, m);
                cells.add(e == null ? NONE : value(m, e.baseline()) + " → " + value(m, e.other()) + "\n" + e.words());
                slower |= e != null && e.direction() == Effect.Direction.SLOWER;
            }
            rows.add(new Table.Row(cells, slower));
        }
        return new Table(b + " vs " + a, header, cols, rows);
    }

    /**
     * A metric's value: a duration for latencies, tokens per second for throughput, the unit with an SI prefix for
     * energy ({@code 195 µJ/token}, {@code 5.12k tokens/J}, {@code 250 W}).
     */
    static String value(TrialMetric m, double v) {
        if (m.unit().equals("ns")) {
            return Numbers.seconds(v * 1e-9);
        }
        return m.unit().equals("tokens/s") ? Numbers.si(v) + " tok/s" : Format.quantity(v, m.unit());
    }

    /** The points present in only some runs, one line per group: {@code only in A (2): p, q}. */
    static List<String> partial(Comparison c, int maxPerGroup) {
        List<String> out = new ArrayList<>();
        for (Comparison.Presence p : c.partial()) {
            String who = p.runs().stream().map(i -> c.runs().get(i).label()).collect(Collectors.joining(" and "));
            List<String> ids = p.keys().stream().limit(maxPerGroup).map(MatchKey::id).toList();
            int more = p.keys().size() - ids.size();
            out.add("only in " + who + " (" + p.keys().size() + "): " + String.join(", ", ids)
                    + (more > 0 ? " and " + more + " more" : ""));
        }
        return out;
    }

    /** Points with failed trials, per run. */
    static Table failures(Comparison c) {
        List<Table.Row> rows = new ArrayList<>();
        for (Comparison.Failure f : c.failures()) {
            String what = f.ok() == 0 ? (f.failed() == 0 ? "no trial" : "all " + f.failed() + " trials failed")
                    : f.failed() + " of " + (f.failed() + f.ok()) + " trials failed";
            rows.add(new Table.Row(List.of(c.runs().get(f.run()).label(), f.pointId(), what), f.ok() == 0));
        }
        return new Table("", List.of("run", "point", "failed"), List.of(Table.Col.TEXT, Table.Col.TEXT,
                Table.Col.TEXT), rows);
    }

    /** Whether any run has a cost per token. */
    static boolean hasCost(Comparison c) {
        return c.rows().stream().anyMatch(r -> r.arms().stream().anyMatch(a -> a != null && a.cost() != null));
    }

    /** Cost per million tokens per run and point, and each other run's cost relative to the baseline. */
    static Table costs(Comparison c) {
        List<String> header = new ArrayList<>(List.of("point"));
        List<Table.Col> cols = new ArrayList<>(List.of(Table.Col.TEXT));
        for (CompareRun r : c.runs()) {
            header.add(r.label() + ": $ per 1M tokens");
            cols.add(Table.Col.NUMBER);
        }
        for (int i = 1; i < c.runs().size(); i++) {
            header.add(c.runs().get(i).label() + " / " + c.runs().get(0).label());
            cols.add(Table.Col.NUMBER);
        }
        List<Table.Row> rows = new ArrayList<>();
        for (PointRow r : c.rows()) {
            if (r.arms().stream().noneMatch(a -> a != null && a.cost() != null)) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(r.key().id()));
            for (Arm a : r.arms()) {
                cells.add(a == null || a.cost() == null ? NONE : usd(a.cost().usdPerMillionTokens(), a.cost().ci()));
            }
            for (int i = 1; i < c.runs().size(); i++) {
                PointRow.CostRatio x = r.cost(i);
                cells.add(x == null ? NONE : Effect.times(x.ratio()) + " [" + Effect.num(x.ci().lo()) + ", "
                        + Effect.num(x.ci().hi()) + "]");
            }
            rows.add(new Table.Row(cells, false));
        }
        return new Table("", header, cols, rows);
    }

    private static String usd(double v, Interval ci) {
        String s = "$" + Numbers.sig(v, 3);
        return ci.isDefined() ? s + " [" + Numbers.sig(ci.lo(), 3) + ", " + Numbers.sig(ci.hi(), 3) + "]" : s;
    }

    /** Whether any run has a point on its roofline. */
    static boolean hasRoofline(Comparison c) {
        return c.rows().stream().anyMatch(r -> r.arms().stream().anyMatch(a -> a != null && a.roofline() != null));
    }

    /** Each run's fractions of its own ceilings per point, and the bound; disagreements with the intensity flagged. */
    static Table roofline(Comparison c) {
        List<String> header = new ArrayList<>(List.of("point"));
        List<Table.Col> cols = new ArrayList<>(List.of(Table.Col.TEXT));
        for (CompareRun r : c.runs()) {
            header.add(r.label() + (r.hardware() == null ? "" : " (" + r.hardware().id() + ")"));
            cols.add(Table.Col.LINES);
        }
        List<Table.Row> rows = new ArrayList<>();
        for (PointRow r : c.rows()) {
            if (r.arms().stream().noneMatch(a -> a != null && a.roofline() != null)) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(r.key().id()));
            boolean flag = false;
            for (Arm a : r.arms()) {
                RooflinePoint p = a == null ? null : a.roofline();
                String compute = Double.isFinite(p == null ? Double.NaN : p.computeFraction())
                        ? Numbers.percent(p.computeFraction()) + " of FLOP/s, " : "";
                cells.add(p == null ? NONE : compute + Numbers.percent(p.memoryFraction()) + " of B/s\n"
                        + p.bound().id() + "-bound"
                        + (p.disagrees() ? " (predicted " + p.predicted().id() + ")" : ""));
                flag |= p != null && p.disagrees();
            }
            rows.add(new Table.Row(cells, flag));
        }
        return new Table("", header, cols, rows);
    }

    /** Whether a cell of {@code t} holds an extrapolated estimate ({@link Format#DAGGER}). */
    static boolean extrapolated(Table t) {
        return t.rows().stream().anyMatch(r -> r.cells().stream().anyMatch(x -> x.contains(Format.DAGGER)));
    }

    /**
     * Fitted quantities side by side: per series of {@code fits}, its selected forms, then one row per quantity
     * (only the headline ones, {@link FitRow#HEADLINE}, when {@code headline} and the series has any).
     */
    static Table fits(Comparison c, List<FitRow> fits, boolean headline) {
        List<String> header = new ArrayList<>(List.of("series", "quantity"));
        List<Table.Col> cols = new ArrayList<>(List.of(Table.Col.TEXT, Table.Col.TEXT));
        c.runs().forEach(r -> {
            header.add(r.label());
            cols.add(Table.Col.NUMBER);
        });
        List<Table.Row> rows = new ArrayList<>();
        for (FitRow f : fits) {
            List<String> cells = new ArrayList<>(List.of(f.label(), "form"));
            for (int i = 0; i < c.runs().size(); i++) {
                FormFit form = f.form(i);
                cells.add(form == null ? NONE : form.form() + (form.converged() ? "" : " (not converged)"));
            }
            rows.add(new Table.Row(cells, false));
            List<String> qs = f.quantities().stream().filter(FitRow.HEADLINE::contains).toList();
            for (String q : headline && !qs.isEmpty() ? qs : f.quantities()) {
                List<String> qc = new ArrayList<>(List.of("", q));
                for (int i = 0; i < c.runs().size(); i++) {
                    Estimate e = f.estimate(i, q);
                    qc.add(e == null ? NONE : Format.estimate(e).substring(e.name().length() + 3));
                }
                rows.add(new Table.Row(qc, false));
            }
        }
        return new Table("", header, cols, rows);
    }
}
