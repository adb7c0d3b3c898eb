package dev.scalebench.cli;

import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.config.Units;
import dev.scalebench.plan.MemoryModel;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.results.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code plan --memory-from RUN_DIR}: the plan's memory estimate of each point ({@link MemoryModel}, the
 * {@code memory} column) beside the peak memory growth the run measured for the same point (the largest reading over
 * its OK trials, as in {@code summary.csv}'s {@code mem_peak_bytes} and {@code fits.json}'s {@code memPeakBytes};
 * docs/measurement.md "Memory"), with the estimate's error in percent of the measurement. Points are matched by id;
 * the plan's points the run did not measure, and the run's measured points the plan does not have, are named.
 */
final class PlanMemory {

    /** The help text's paragraph. */
    static final String HELP = "Memory, estimated against measured (--memory-from RUN_DIR, and after the answer of --pilot"
            + " RUN_DIR or of --from-history, whose run folder it reads: the history keeps no memory readings): each point's"
            + " estimated memory beside the peak memory growth the run measured for the same point id (largest over its"
            + " OK trials, summary.csv's mem_peak_bytes) and the error (estimated - measured) / measured in %%; points"
            + " without a reading in the run are listed as not matched. See docs/measurement.md, 'Memory'.";

    @Option(names = "--memory-from", paramLabel = "RUN_DIR",
            description = "After the plan, compare each point's estimated memory with what this run measured (see below).")
    Path run;

    /** Prints the comparison for every point of {@code plan} (kept, infeasible and dropped), when asked for. */
    void print(Plan plan, PrintWriter out) {
        if (run == null) {
            return;
        }
        Map<String, PointWork> measured = RunDatasets.from(Run.read(run)).work();
        print(points(plan), measured, run.toString(), out);
    }

    /**
     * After a pilot's answer ({@code --pilot}, or {@code --from-history} with the run's folder): the sweep's points
     * against the pilot's memory readings, or one line saying the pilot has none (runs recorded before memory was
     * measured, or on an engine that measures none).
     *
     * @param folder the pilot's run folder, as the comparison names it
     */
    static void printPilot(dev.scalebench.config.SweepSpec sweep, Run pilot, String folder, PrintWriter out) {
        Map<String, PointWork> measured = RunDatasets.from(pilot).work();
        if (measured.values().stream().noneMatch(PointWork::memoryKnown)) {
            out.printf(Locale.ROOT, "%nmemory: the pilot %s has no memory readings, so the estimates cannot be"
                    + " checked against it%n", folder);
            return;
        }
        print(dev.scalebench.plan.Planner.expand(sweep), measured, folder, out);
    }

    /** The design's points: those kept, then the infeasible and the dropped ones, each once. */
    static List<SweepPoint> points(Plan plan) {
        Set<SweepPoint> all = new LinkedHashSet<>(plan.points());
        plan.infeasible().forEach(x -> all.add(x.point()));
        plan.dropped().forEach(x -> all.add(x.point()));
        return List.copyOf(all);
    }

    /** The comparison of {@code points} against the readings {@code measured} (by point id) of {@code source}. */
    static void print(List<SweepPoint> points, Map<String, PointWork> measured, String source, PrintWriter out) {
        out.printf(Locale.ROOT, "%nmemory, estimated against measured in %s (peak growth, largest over OK trials):%n",
                source);
        out.printf(Locale.ROOT, "%-40s %10s %10s %8s%n", "point", "estimated", "measured", "error");
        List<String> unmatched = new ArrayList<>();
        Set<String> planned = new LinkedHashSet<>();
        List<Double> errors = new ArrayList<>();
        for (SweepPoint p : points) {
            planned.add(p.id());
            PointWork w = measured.get(p.id());
            if (w == null || !w.memoryKnown()) {
                unmatched.add(p.id() + (w == null ? " (not in the run)" : " (no memory reading)"));
                continue;
            }
            long est = MemoryModel.estimate(p).total();
            double error = w.memPeakBytes() > 0 ? 100.0 * (est - w.memPeakBytes()) / w.memPeakBytes() : Double.NaN;
            out.printf(Locale.ROOT, "%-40s %10s %10s %8s%n", p.id(), Units.formatBytes(est),
                    Units.formatBytes(w.memPeakBytes()), percent(error));
            if (Double.isFinite(error)) {
                errors.add(Math.abs(error));
            }
        }
        if (!errors.isEmpty()) {
            out.printf(Locale.ROOT, "%d points matched, median |error| %.1f%%%n", errors.size(), median(errors));
        } else {
            out.printf(Locale.ROOT, "no point matched: %s has no memory reading for this plan's points%n", source);
        }
        if (!unmatched.isEmpty()) {
            out.printf(Locale.ROOT, "%d points not matched:%n", unmatched.size());
            unmatched.forEach(u -> out.printf(Locale.ROOT, "  %s%n", u));
        }
        List<String> extra = measured.entrySet().stream().filter(e -> e.getValue().memoryKnown())
                .map(Map.Entry::getKey).filter(id -> !planned.contains(id)).sorted().toList();
        if (!extra.isEmpty()) {
            out.printf(Locale.ROOT, "%d measured points of the run are not in this plan: %s%n", extra.size(),
                    String.join(", ", extra));
        }
        out.flush();
    }

    private static String percent(double error) {
        return Double.isFinite(error) ? String.format(Locale.ROOT, "%+.1f%%", error) : "-";
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
