package dev.scalebench.report;

import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.measure.Flag;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trials' quality flags ({@link Flag}) counted and said in words: the banner at the top of
 * {@code report.html} and {@code report.md}, the flags cell of each point, and the one line a sweep prints at
 * its end. One wording for all three, so the terminal and the reports say the same.
 */
public final class FlagNotes {

    private FlagNotes() {
    }

    /** What a flag means for the numbers, in words (a sentence fragment, no full stop). */
    public static String meaning(Flag flag) {
        return switch (flag) {
            case NOT_STEADY -> "warm-up reached its time limit before the step latency settled, so these trials "
                    + "may still hold warm-up (JIT compilation, caches, clocks) and their latencies may read high";
            case GC -> "a garbage collection paused the JVM during the measured loop; its pauses are in these "
                    + "trials' latencies, most of all in p99";
            case P99_LOW_CONFIDENCE -> "fewer than 10 000 steps were measured, so fewer than 100 lie beyond p99: "
                    + "their p99 rests on few samples and is not fit to gate on";
            case MAX_TIME -> "measurement stopped at its time limit before the median's interval was as narrow "
                    + "as asked, so these medians are less precise than the target";
            case INTERFERED -> "other work kept the trial's threads waiting for a CPU (run-queue wait or steal time "
                    + "above its threshold) during the measured loop, so these latencies measure the machine's load "
                    + "as much as the code";
            case THROTTLED -> "the GPU lowered its clocks for power or temperature during the measured loop, so "
                    + "these trials ran slower than the card's set clocks";
            case ENERGY_SHORT -> "the measured loop lasted fewer than about ten updates of the energy counter, so "
                    + "these trials' energy per step is coarse";
        };
    }

    /** The flag's meaning in a few words, for the terminal line. */
    public static String brief(Flag flag) {
        return switch (flag) {
            case NOT_STEADY -> "warm-up never settled";
            case GC -> "GC pauses in the measured loop";
            case P99_LOW_CONFIDENCE -> "too few steps for a firm p99";
            case MAX_TIME -> "stopped by time before the target interval";
            case INTERFERED -> "CPU contention from other work";
            case THROTTLED -> "GPU power or thermal throttling";
            case ENERGY_SHORT -> "too short for the energy counter";
        };
    }

    /** Per flag, how many of the analysed trials carry it: most frequent first, then by id. */
    public static Map<Flag, Integer> counts(Analysis a) {
        Map<Flag, Integer> counts = new TreeMap<>();
        for (PointStats p : a.points()) {
            p.flags().forEach((f, n) -> counts.merge(f, n, Integer::sum));
        }
        return ordered(counts);
    }

    /** How many trials the analysis summarizes (the denominator of {@link #counts(Analysis)}). */
    public static int trials(Analysis a) {
        return a.points().stream().mapToInt(PointStats::trials).sum();
    }

    /** Per flag, how many of {@code trials} carry it: most frequent first, then by id. */
    public static Map<Flag, Integer> counts(List<TrialValues> trials) {
        Map<Flag, Integer> counts = new TreeMap<>();
        for (TrialValues t : trials) {
            t.flags().stream().distinct().forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        return ordered(counts);
    }

    private static Map<Flag, Integer> ordered(Map<Flag, Integer> counts) {
        Map<Flag, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Flag, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** One banner line per flag: {@code 72 of 96 trials flagged not-steady: <meaning>.} Empty when none. */
    public static List<String> banner(Map<Flag, Integer> counts, int trials) {
        List<String> lines = new ArrayList<>();
        counts.forEach((f, n) -> lines.add(n + " of " + trials + " trials flagged " + f + ": " + meaning(f) + "."));
        return lines;
    }

    /**
     * The sweep's one line about flags, e.g. {@code flags: 72 of 96 trials not-steady (warm-up never settled),
     * 3 of 96 gc (GC pauses in the measured loop); flagged trials are kept and marked in the report}, or null when
     * no trial is flagged.
     */
    public static String line(Map<Flag, Integer> counts, int trials) {
        if (counts.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((f, n) -> parts.add(n + " of " + trials + " trials " + f + " (" + brief(f) + ")"));
        return "flags: " + String.join(", ", parts) + "; flagged trials are kept and marked in the report";
    }

    /** The sweep's line for the OK trials of a run ({@link dev.scalebench.results.RunMetrics#trials()}). */
    public static String line(List<TrialValues> trials) {
        return line(counts(trials), trials.size());
    }

    /** A point's flags cell: {@code not-steady 3/3, gc 1/3}; empty when none. */
    static String cell(PointStats p) {
        List<String> parts = new ArrayList<>();
        ordered(p.flags()).forEach((f, n) -> parts.add(f + " " + n + "/" + p.trials()));
        return String.join(", ", parts);
    }
}
