package dev.scalebench.report;

import dev.scalebench.analysis.GenerationStats;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.Validation;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.Bound;
import dev.scalebench.analysis.roofline.RooflinePoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The report tables (fitted laws, points, roofline), the same content for Markdown and HTML. */
final class Tables {

    /** Title of the group of model-size series, which span all models. */
    static final String ALL_MODELS = "all models";

    private static final List<String> LAW_HEADER = List.of("series", "form", "weight", "parameters", "derived",
            "validation (left out: error)", "other forms", "flags");
    private static final List<Table.Col> LAW_COLS = List.of(Table.Col.TEXT, Table.Col.TEXT, Table.Col.NUMBER,
            Table.Col.LINES, Table.Col.LINES, Table.Col.LINES, Table.Col.LINES, Table.Col.TEXT);

    /**
     * Derived quantities that hold by construction of their form and so say nothing about the data: under
     * {@code t = a + c·b} one more doubling beyond b₉₀ always gives +5.3 % throughput and +90 % latency. They stay
     * in {@code fits.json}; the reports leave them out.
     */
    static final Set<String> BY_CONSTRUCTION = Set.of("doubling_throughput", "doubling_latency");

    private Tables() {
    }

    /** The group a series belongs to: its model, or {@link #ALL_MODELS} for model-size series. */
    static String group(SeriesFit f) {
        return f.key().axis() == Axis.MODEL ? ALL_MODELS : f.key().model();
    }

    /** {@code items} grouped by {@code key}, groups in order of first appearance. */
    static <T> Map<String, List<T>> groups(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }

    /** Fitted laws, one table per group, one row per series (its selected form). */
    static List<Table> laws(Analysis a) {
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, List<SeriesFit>> g : groups(a.fits(), Tables::group).entrySet()) {
            List<Table.Row> rows = new ArrayList<>();
            for (SeriesFit f : g.getValue()) {
                rows.add(lawRow(f));
            }
            tables.add(new Table(g.getKey(), LAW_HEADER, LAW_COLS, rows));
        }
        return tables;
    }

    private static Table.Row lawRow(SeriesFit f) {
        FormFit b = f.best();
        if (b == null) {
            return new Table.Row(List.of(f.key().label(), "none", "", "", "", "", "",
                    String.join("\n", f.notes())), true);
        }
        String params = b.params().stream().map(Format::estimate).collect(Collectors.joining("\n"));
        String derived = b.derived().stream().filter(e -> !BY_CONSTRUCTION.contains(e.name())).map(Format::estimate)
                .collect(Collectors.joining("\n"));
        String validation = b.validation().stream().map(Tables::validation).collect(Collectors.joining("\n"));
        String others = f.forms().stream().skip(1)
                .map(o -> o.form() + " (w " + Format.weight(o.akaikeWeight()) + (o.converged() ? "" : ", not converged")
                        + ")")
                .collect(Collectors.joining("\n"));
        List<String> flags = flags(b);
        return new Table.Row(List.of(f.key().label(), b.form() + ": " + b.formula(), Format.weight(b.akaikeWeight()),
                params, derived, validation, others, String.join("\n", flags)), !flags.isEmpty());
    }

    private static String validation(Validation v) {
        return v.leftOut() + ": " + Numbers.percent(v.maxAbsRelError());
    }

    /** The form's flags, plus non-convergence and bootstrap failures when its flags do not already say so. */
    static List<String> flags(FormFit f) {
        List<String> flags = new ArrayList<>(f.flags());
        boolean saysConvergence = flags.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("converge"));
        if (!f.converged() && !saysConvergence) {
            flags.add("not converged: " + f.convergence());
        }
        if (f.bootstrapFailures() > 0) {
            flags.add(f.bootstrapFailures() + " bootstrap resamples failed");
        }
        boolean extrapolated = f.params().stream().anyMatch(Estimate::extrapolated)
                || f.derived().stream().anyMatch(Estimate::extrapolated);
        if (extrapolated && flags.stream().noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("extrapolat"))) {
            flags.add("extrapolated estimate " + Format.DAGGER);
        }
        return flags;
    }

    /**
     * Points, one table per (model, dtype, phase), one row per point: p50, p99 and throughput with their intervals,
     * and the trials' quality flags (a flagged row); where the run has device time (CUDA events), also the
     * device's time per step and the host's time beyond it.
     */
    static List<Table> points(Analysis a) {
        boolean device = a.points().stream().anyMatch(PointStats::deviceTimed);
        List<String> header = new ArrayList<>(List.of("batch", "seq", "trials", "p50 [95 % CI]", "p99 [95 % CI]",
                "seq/s [95 % CI]", "tokens/s"));
        if (device) {
            header.addAll(List.of("device time", "host − device"));
        }
        header.add("flags (trials)");
        List<Table.Col> cols = new ArrayList<>(Collections.nCopies(header.size(), Table.Col.NUMBER));
        cols.set(header.size() - 1, Table.Col.TEXT);
        List<Table> tables = new ArrayList<>();
        Map<String, List<PointStats>> groups = groups(a.points(),
                p -> p.point().model() + " " + p.point().dtype() + " " + p.point().phase());
        for (Map.Entry<String, List<PointStats>> g : groups.entrySet()) {
            if (g.getValue().get(0).point().output() > 0) {
                tables.add(generation(g.getKey(), g.getValue(), device));
                continue;
            }
            List<Table.Row> rows = new ArrayList<>();
            for (PointStats p : g.getValue()) {
                PointKey k = p.point();
                List<String> cells = new ArrayList<>(List.of(Integer.toString(k.batch()), Integer.toString(k.seq()),
                        Integer.toString(p.trials()), Format.nanos(p.p50Ns(), p.p50Ci()),
                        Format.nanos(p.p99Ns(), p.p99Ci()), Format.throughput(p), Numbers.si(p.tokensPerS())));
                if (device) {
                    cells.add(Format.nanos(p.deviceNs(), null));
                    cells.add(Format.nanos(p.deviceGapNs(), null));
                }
                cells.add(FlagNotes.cell(p));
                rows.add(new Table.Row(cells, !p.flags().isEmpty()));
            }
            tables.add(new Table(g.getKey(), header, cols, rows));
        }
        return tables;
    }

    /**
     * The points of one generate group: batch, seq, output, trials, the requests' end-to-end p50 and p99, p99 TTFT
     * and p99 TPOT, output tokens/s in total and per user, each with its interval.
     */
    private static Table generation(String title, List<PointStats> points, boolean device) {
        List<String> header = new ArrayList<>(List.of("batch", "seq", "output", "trials", "e2e p50 [95 % CI]",
                "e2e p99 [95 % CI]", "TTFT p99 [95 % CI]", "TPOT p99 [95 % CI]", "output tokens/s [95 % CI]",
                "per user"));
        if (device) {
            header.addAll(List.of("device time", "host − device"));
        }
        header.add("flags (trials)");
        List<Table.Col> cols = new ArrayList<>(Collections.nCopies(header.size(), Table.Col.NUMBER));
        cols.set(header.size() - 1, Table.Col.TEXT);
        List<Table.Row> rows = new ArrayList<>();
        for (PointStats p : points) {
            PointKey k = p.point();
            GenerationStats gen = p.generation();
            List<String> cells = new ArrayList<>(List.of(Integer.toString(k.batch()), Integer.toString(k.seq()),
                    Integer.toString(k.output()), Integer.toString(p.trials()), Format.nanos(p.p50Ns(), p.p50Ci()),
                    Format.nanos(p.p99Ns(), p.p99Ci()),
                    gen == null ? "n/a" : Format.nanos(gen.ttftP99().value(), gen.ttftP99().ci95()),
                    gen == null ? "n/a" : Format.nanos(gen.tpotP99().value(), gen.tpotP99().ci95()),
                    p.tokensPerSCi().isDefined() ? Format.withInterval(Numbers.si(p.tokensPerS()),
                            Numbers.si(p.tokensPerSCi().lo()), Numbers.si(p.tokensPerSCi().hi()))
                            : Numbers.si(p.tokensPerS()),
                    Numbers.si(p.tokensPerSPerUser())));
            if (device) {
                cells.add(Format.nanos(p.deviceNs(), null));
                cells.add(Format.nanos(p.deviceGapNs(), null));
            }
            cells.add(FlagNotes.cell(p));
            rows.add(new Table.Row(cells, !p.flags().isEmpty()));
        }
        return new Table(title, header, cols, rows);
    }

    /** The roofline points, one row each; disagreements are flagged rows. */
    static Table roofline(Analysis a) {
        return roofline(a, false);
    }

    /**
     * The roofline points, or only those that disagree with their predicted bound. With measured ceilings and a data
     * sheet beside them, the fractions of both.
     */
    static Table roofline(Analysis a, boolean onlyDisagreeing) {
        boolean spec = a.spec() != null;
        String of = ofWhat(a);
        List<String> header = new ArrayList<>(List.of("point", "intensity (FLOP/B)", "achieved FLOP/s",
                "achieved B/s", of + " FLOP/s", of + " B/s"));
        if (spec) {
            header.addAll(List.of(SPEC + " FLOP/s", SPEC + " B/s"));
        }
        header.addAll(List.of("bound", "predicted", ""));
        List<Table.Col> numeric = new ArrayList<>(Collections.nCopies(header.size(), Table.Col.NUMBER));
        numeric.set(0, Table.Col.TEXT);
        numeric.subList(header.size() - 3, header.size()).replaceAll(c -> Table.Col.TEXT);
        List<Table.Row> rows = new ArrayList<>();
        for (RooflinePoint r : a.roofline()) {
            if (onlyDisagreeing && !r.disagrees()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(r.point().id(), Numbers.sig(r.intensity(), 3),
                    Numbers.si(r.flopsPerS(), "FLOP/s"), Numbers.si(r.bytesPerS(), "B/s"),
                    Numbers.percent(r.computeFraction()), Numbers.percent(r.memoryFraction())));
            if (spec) {
                cells.addAll(List.of(Numbers.percent(r.specComputeFraction()),
                        Numbers.percent(r.specMemoryFraction())));
            }
            cells.addAll(List.of(r.bound().id(), r.predicted().id(), r.disagrees() ? "disagrees" : ""));
            rows.add(new Table.Row(cells, r.disagrees()));
        }
        return new Table("", header, numeric, rows);
    }

    /** Per (model, dtype, phase): points per observed bound, the best fractions of peak, disagreements. */
    static Table rooflineSummary(Analysis a) {
        boolean spec = a.spec() != null;
        String of = "best " + ofWhat(a);
        List<String> header = new ArrayList<>(List.of("model, dtype, phase", "points", "compute", "memory",
                "overhead", of + " FLOP/s", of + " B/s"));
        if (spec) {
            header.addAll(List.of("best " + SPEC + " FLOP/s", "best " + SPEC + " B/s"));
        }
        header.add("disagree");
        List<Table.Col> cols = new ArrayList<>(Collections.nCopies(header.size(), Table.Col.NUMBER));
        cols.set(0, Table.Col.TEXT);
        List<Table.Row> rows = new ArrayList<>();
        Map<String, List<RooflinePoint>> groups = groups(a.roofline(),
                r -> r.point().model() + " " + r.point().dtype() + " " + r.point().phase());
        for (Map.Entry<String, List<RooflinePoint>> g : groups.entrySet()) {
            List<RooflinePoint> rs = g.getValue();
            long dis = rs.stream().filter(RooflinePoint::disagrees).count();
            List<String> cells = new ArrayList<>(List.of(g.getKey(), Integer.toString(rs.size()),
                    count(rs, Bound.COMPUTE), count(rs, Bound.MEMORY), count(rs, Bound.OVERHEAD),
                    best(rs, RooflinePoint::computeFraction), best(rs, RooflinePoint::memoryFraction)));
            if (spec) {
                cells.addAll(List.of(best(rs, RooflinePoint::specComputeFraction),
                        best(rs, RooflinePoint::specMemoryFraction)));
            }
            cells.add(Long.toString(dis));
            rows.add(new Table.Row(cells, dis > 0));
        }
        return new Table("", header, cols, rows);
    }

    /** Column label of the fractions of the deciding profile: {@code of peak}, or {@code of measured} ceilings. */
    private static String ofWhat(Analysis a) {
        return a.hardware() != null && a.hardware().measured() ? "of measured" : "of peak";
    }

    private static final String SPEC = "of data-sheet";

    private static String best(List<RooflinePoint> rs, ToDoubleFunction<RooflinePoint> f) {
        return Numbers.percent(rs.stream().mapToDouble(f).filter(Double::isFinite).max().orElse(Double.NaN));
    }

    private static String count(List<RooflinePoint> rs, Bound b) {
        return Long.toString(rs.stream().filter(r -> r.bound() == b).count());
    }

    /** How many roofline points disagree with their predicted bound. */
    static long disagreements(Analysis a) {
        return a.roofline().stream().filter(RooflinePoint::disagrees).count();
    }
}
