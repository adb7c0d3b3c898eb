package dev.scalebench.cli;

import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.Units;
import dev.scalebench.plan.Budget;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.design.DesignForm;
import dev.scalebench.plan.design.DesignSeries;
import dev.scalebench.plan.design.Precision;
import dev.scalebench.progress.Eta;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code plan} says about the design: the replicates the budget took, the predicted interval widths before and
 * after trimming ({@link Precision}), and {@code --scenarios}, the design at several budgets side by side.
 */
final class PlanDesign {

    @Option(names = "--scenarios", paramLabel = "BUDGETS", split = ",",
            description = "Plan the sweep at each of these budgets (e.g. 15m,1h,8h) and show, side by side, the "
                    + "points, trials, estimated time and the median predicted 95%% half-width of each fitted "
                    + "parameter (relative, at a trial-to-trial CV of 5%%), beside the full design.")
    List<String> scenarios;

    /** The rows of the precision table: axis, form and parameter. */
    private record Param(String axis, DesignForm form, String name) {
        String label() {
            return axis + " " + form.id() + " " + name;
        }
    }

    /** Replicates given and the predicted widths before and after, when the budget trimmed the plan. */
    static void printTrimming(Plan plan, Planner planner, PrintWriter out) {
        if (!plan.replicates().isEmpty()) {
            out.printf(Locale.ROOT, "%n%d points keep fewer than %d replicates (the budget's design):%n",
                    plan.replicates().size(), plan.spec().replicates());
            plan.replicates().forEach((id, r) -> out.printf(Locale.ROOT, "  %-40s %d%n", id, r));
        }
        if (plan.dropped().isEmpty() && plan.replicates().isEmpty()) {
            return;
        }
        Design d = Design.of(plan, planner);
        List<Precision> before = Precision.of(d.series(), d.full(), Precision.DEFAULT_CV);
        List<Precision> after = Precision.of(d.series(), d.replicates(plan), Precision.DEFAULT_CV);
        out.printf(Locale.ROOT, "%npredicted 95%% half-widths, relative, before -> after trimming (%s; trial CV %.0f%%):%n",
                planner.trim(plan.spec()).id(), 100 * Precision.DEFAULT_CV);
        for (int i = 0; i < before.size(); i++) {
            Precision b = before.get(i);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-44s %-9s", b.series(), b.form().id()));
            for (int k = 0; k < b.names().length; k++) {
                line.append(String.format(Locale.ROOT, "  %s %s -> %s", b.names()[k], pct(b.halfWidth()[k]),
                        pct(after.get(i).halfWidth()[k])));
            }
            out.println(line);
        }
    }

    /** The {@code --scenarios} table, when asked for. */
    void printScenarios(SweepSpec sweep, long memory, Planner planner, PrintWriter out) {
        if (scenarios == null || scenarios.isEmpty()) {
            return;
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        plans.put("full", planner.plan(sweep.withBudget(null), memory));
        for (String b : scenarios) {
            Duration budget = SweepCommand.parseDuration("--scenarios", b.trim());
            plans.put(Units.formatDuration(budget), planner.plan(sweep.withBudget(budget), memory));
        }
        Design d = Design.of(plans.get("full"), planner);
        Map<String, List<Precision>> precision = new LinkedHashMap<>();
        List<Param> params = new ArrayList<>();
        plans.forEach((k, p) -> precision.put(k, Precision.of(d.series(), d.replicates(p), Precision.DEFAULT_CV)));
        for (Precision p : precision.get("full")) {
            for (String name : p.names()) {
                Param row = new Param(p.axis(), p.form(), name);
                if (!params.contains(row)) {
                    params.add(row);
                }
            }
        }
        out.printf(Locale.ROOT, "%nscenarios (%s trimming; median over series of the predicted 95%% half-width, "
                + "relative, trial CV %.0f%%):%n", planner.trim(sweep).id(), 100 * Precision.DEFAULT_CV);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s", "budget"));
        plans.keySet().forEach(k -> head.append(String.format(Locale.ROOT, " %10s", k)));
        out.println(head);
        row(out, "points", plans, p -> String.valueOf(p.points().size()));
        row(out, "trials", plans, p -> String.valueOf(p.trials().size()));
        row(out, "estimated", plans, p -> Eta.format(p.totalEstimate()));
        StringBuilder fitted = new StringBuilder(String.format(Locale.ROOT, "%-28s", "series determined"));
        precision.values().forEach(list -> fitted.append(String.format(Locale.ROOT, " %10s",
                list.stream().filter(q -> java.util.Arrays.stream(q.halfWidth()).allMatch(Double::isFinite)).count()
                        + "/" + list.size())));
        out.println(fitted);
        for (Param q : params) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", q.label()));
            precision.values().forEach(list -> line.append(String.format(Locale.ROOT, " %10s",
                    pct(Precision.median(list, q.axis(), q.form(), q.name())))));
            out.println(line);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, Map<String, Plan> plans,
            java.util.function.Function<Plan, String> cell) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", label));
        plans.values().forEach(p -> line.append(String.format(Locale.ROOT, " %10s", cell.apply(p))));
        out.println(line);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) || v >= 10 ? ">1000%"
                : String.format(Locale.ROOT, v < 0.1 ? "%.1f%%" : "%.0f%%", 100 * v);
    }

    /**
     * The design's series over a plan's feasible points (kept and dropped), with replicates by point index.
     *
     * @param points the feasible points
     */
    private record Design(List<SweepPoint> points, List<DesignSeries> series, int replicates) {
        static Design of(Plan plan, Planner planner) {
            List<SweepPoint> all = new ArrayList<>(plan.points());
            plan.dropped().forEach(x -> all.add(x.point()));
            return new Design(all, DesignSeries.of(Budget.designPoints(all, planner.costModel())),
                    plan.spec().replicates());
        }

        int[] full() {
            int[] r = new int[points.size()];
            java.util.Arrays.fill(r, replicates);
            return r;
        }

        /** Replicates of each of these points in {@code plan} (0 when it does not run them). */
        int[] replicates(Plan plan) {
            Map<String, SweepPoint> kept = new java.util.HashMap<>();
            plan.points().forEach(p -> kept.put(p.id(), p));
            int[] r = new int[points.size()];
            for (int i = 0; i < r.length; i++) {
                SweepPoint p = kept.get(points.get(i).id());
                r[i] = p == null ? 0 : plan.replicates(p);
            }
            return r;
        }
    }
}
