package dev.scalebench.results;

import dev.scalebench.results.RunManifest.PointEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run, read once: {@code Run > PointRun > TrialRun}, as JMH nests {@code RunResult > BenchmarkResult >
 * IterationResult}. The manifest gives the planned points (with their workloads) in plan order; each journaled trial
 * hangs under its point with its statistics reduced from its histogram once ({@link TrialValues}). The summary, the
 * analysis, compare, gate, trend, the history and the metrics all read this one model; a command reads a run folder
 * once ({@link #read(Path)}) and hands the model on.
 *
 * @param dir the run folder
 * @param manifest the manifest ({@code run.json}), schema 2 in memory whatever the file's schema
 * @param points the planned points, in plan order, each with its trials
 * @param unplanned journaled trials whose point is not in the plan (skipped by every figure; the analysis warns)
 * @param warnings what reading repaired in memory (a crash's leftovers), one sentence each
 */
public record Run(Path dir, RunManifest manifest, List<PointRun> points, List<TrialResult> unplanned,
        List<String> warnings) {

    public Run {
        points = List.copyOf(points);
        unplanned = List.copyOf(unplanned);
        warnings = List.copyOf(warnings);
    }

    /** Reads the run in {@code dir}: its files once, repaired in memory as {@link RunReader#read} does. */
    public static Run read(Path dir) {
        return of(RunReader.read(dir));
    }

    /** The model of a run already read. */
    public static Run of(RunReader r) {
        List<TrialResult> unplanned = new ArrayList<>();
        List<PointRun> points = group(r.manifest().plan().points(), r.trials(), r.histograms(), r.series(),
                unplanned);
        return new Run(r.dir(), r.manifest(), points, unplanned, r.warnings());
    }

    /**
     * The planned points, each with its trials (journal order) and their statistics; trials of other points go to
     * {@code unplanned}.
     *
     * @param histograms OK trials' histograms (ns per step) by trial id
     */
    public static List<PointRun> group(List<PointEntry> planned, List<TrialResult> trials,
            Map<String, Histogram> histograms, List<TrialResult> unplanned) {
        return group(planned, trials, histograms, Map.of(), unplanned);
    }

    /**
     * As {@link #group(List, List, Map, List)}, with the trials' further histograms by trial id and series name: a
     * generate trial's become its {@link GenerationValues}.
     */
    public static List<PointRun> group(List<PointEntry> planned, List<TrialResult> trials,
            Map<String, Histogram> histograms, Map<String, Map<String, Histogram>> series,
            List<TrialResult> unplanned) {
        Map<String, PointEntry> byId = new LinkedHashMap<>();
        planned.forEach(e -> byId.put(e.id(), e));
        Map<String, List<TrialRun>> byPoint = new LinkedHashMap<>();
        byId.keySet().forEach(id -> byPoint.put(id, new ArrayList<>()));
        for (TrialResult t : trials) {
            PointEntry p = byId.get(t.pointId());
            if (p == null) {
                unplanned.add(t);
                continue;
            }
            Histogram h = t.ok() ? histograms.get(t.trialId()) : null;
            boolean measured = h != null && h.getTotalCount() > 0;
            GenerationValues g = measured ? GenerationSeries.values(p.output(), series.get(t.trialId())) : null;
            byPoint.get(t.pointId()).add(new TrialRun(t, measured ? TrialValues.of(t, h, p.tokensPerStep(), g) : null,
                    measured ? h : null));
        }
        List<PointRun> points = new ArrayList<>(byId.size());
        byId.forEach((id, e) -> points.add(PointRun.of(e, byPoint.get(id))));
        return points;
    }

    /** The statistics of every trial that measured something, in plan order, then by replicate. */
    public List<TrialValues> measured() {
        List<TrialValues> all = new ArrayList<>();
        points.forEach(p -> all.addAll(p.measured().stream()
                .sorted(java.util.Comparator.comparingInt(TrialValues::replicate)).toList()));
        return all;
    }

    /** Every journaled trial of a planned point, in plan order, then journal order. */
    public List<TrialRun> trials() {
        List<TrialRun> all = new ArrayList<>();
        points.forEach(p -> all.addAll(p.trials()));
        return all;
    }

    /**
     * How the run's re-measurements went: trials measured more than once, and of those, how many are still flagged
     * {@code interfered} in the record the figures use.
     */
    public Remeasured remeasured() {
        int trials = 0;
        int stillInterfered = 0;
        for (PointRun p : points) {
            trials += p.remeasuredTrials();
            java.util.Set<String> again = new java.util.HashSet<>();
            p.superseded().forEach(r -> again.add(dev.scalebench.plan.TrialId.baseOf(r.record().trialId())));
            for (TrialRun t : p.trials()) {
                if (again.contains(dev.scalebench.plan.TrialId.baseOf(t.record().trialId()))
                        && t.record().flags().contains(dev.scalebench.measure.Flag.INTERFERED)) {
                    stillInterfered++;
                }
            }
        }
        return new Remeasured(trials, stillInterfered);
    }

    /**
     * @param trials trials measured more than once (after interference)
     * @param stillInterfered of those, how many are flagged {@code interfered} in every measurement
     */
    public record Remeasured(int trials, int stillInterfered) {

        /** "3 trials re-measured after interference (1 still interfered)", or empty when none was. */
        public String describe() {
            if (trials == 0) {
                return "";
            }
            return trials + (trials == 1 ? " trial" : " trials") + " re-measured after interference; the clean"
                    + " measurement is used" + (stillInterfered == 0 ? "" : " (" + stillInterfered
                    + " still interfered in every measurement)");
        }
    }

    /** This run with another manifest (e.g. the one marked complete after it was read). */
    public Run withManifest(RunManifest m) {
        return new Run(dir, m, points, unplanned, warnings);
    }

    /** The run's id ({@link RunManifest#runId()}). */
    public String runId() {
        return manifest.runId();
    }
}
