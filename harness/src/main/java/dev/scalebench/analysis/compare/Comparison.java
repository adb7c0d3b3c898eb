package dev.scalebench.analysis.compare;

import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of comparing runs: what {@code compare.md} and {@code compare.html} are written from.
 *
 * @param options how the runs were compared
 * @param runs the runs, the baseline first
 * @param rows every point of any run, matched across runs, in report order (model size, model, dtype, phase,
 *     seq, batch)
 * @param fits fitted series of the baseline that at least one other run also fitted
 * @param fingerprintDiffs fingerprint keys whose values differ between runs: the value per run (null where a run
 *     lacks the key); comparability keys first
 * @param notes what the reader should know (missing fits, no price, unfinished runs...), one sentence each
 */
public record Comparison(CompareOptions options, List<CompareRun> runs, List<PointRow> rows, List<FitRow> fits,
        Map<String, List<String>> fingerprintDiffs, List<String> notes) {

    public Comparison {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
        fits = List.copyOf(fits);
        fingerprintDiffs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprintDiffs));
        notes = List.copyOf(notes);
    }

    /**
     * The compared metrics the reports show: those of the options that some point has (a generation metric needs a
     * generate point, a per-step latency a prefill or decode point), in the options' order; all of them when no
     * point has any.
     */
    public List<TrialMetric> metrics() {
        List<TrialMetric> shown = options.metrics().stream()
                .filter(m -> rows.stream().anyMatch(r -> Comparer.applies(m, r.key().phase()))).toList();
        return shown.isEmpty() ? options.metrics() : shown;
    }

    /** The rows of points that run {@code run} and the baseline both measured (at least one OK trial each). */
    public List<PointRow> matched(int run) {
        return rows.stream().filter(r -> r.arm(0) != null && r.arm(0).ok() && r.arm(run) != null
                && r.arm(run).ok()).toList();
    }

    /**
     * Points present in only some runs, grouped by the set of runs that have them (in order of first appearance).
     *
     * @param runs indices of the runs that have the points
     * @param keys the points
     */
    public record Presence(List<Integer> runs, List<MatchKey> keys) {
        public Presence {
            runs = List.copyOf(runs);
            keys = List.copyOf(keys);
        }
    }

    /** Every point not in all runs, grouped by which runs have it. */
    public List<Presence> partial() {
        Map<List<Integer>, List<MatchKey>> m = new LinkedHashMap<>();
        for (PointRow r : rows) {
            if (!r.inAll()) {
                List<Integer> in = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    if (r.arm(i) != null) {
                        in.add(i);
                    }
                }
                m.computeIfAbsent(in, k -> new ArrayList<>()).add(r.key());
            }
        }
        List<Presence> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Presence(k, v)));
        return out;
    }

    /**
     * A point with failed trials in a run.
     *
     * @param run the run's index
     * @param key the point
     * @param pointId the point's id in that run
     * @param failed failed trials
     * @param ok OK trials (0: the point has no measurement in that run)
     */
    public record Failure(int run, MatchKey key, String pointId, int failed, int ok) { }

    /** Points with failed trials or without any trial, per run, in run then report order. */
    public List<Failure> failures() {
        List<Failure> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            for (PointRow r : rows) {
                Arm a = r.arm(i);
                if (a != null && (a.failed() > 0 || a.trials() == 0)) {
                    out.add(new Failure(i, r.key(), a.point().id(), a.failed(), a.trials()));
                }
            }
        }
        return out;
    }

    /**
     * The effects of one metric in one run over all matched points, in summary.
     *
     * @param run the other run's index
     * @param metric the metric
     * @param points points with an effect
     * @param geomeanSpeedup geometric mean of the speedups (NaN without points)
     * @param minSpeedup smallest speedup
     * @param maxSpeedup largest speedup
     * @param faster points whose interval lies above 1 (faster)
     * @param slower points whose interval lies below 1 (slower)
     * @param unclear points whose interval contains 1
     */
    public record Summary(int run, TrialMetric metric, int points, double geomeanSpeedup, double minSpeedup,
            double maxSpeedup, int faster, int slower, int unclear) { }

    /** One summary per other run and metric, in run then metric order. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            for (TrialMetric m : metrics()) {
                int n = 0;
                int faster = 0;
                int slower = 0;
                double logSum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (PointRow r : rows) {
                    Effect e = r.effect(i, m);
                    if (e == null) {
                        continue;
                    }
                    n++;
                    double s = e.speedup();
                    logSum += Math.log(s);
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                    switch (e.direction()) {
                        case FASTER -> faster++;
                        case SLOWER -> slower++;
                        default -> { }
                    }
                }
                out.add(new Summary(i, m, n, n == 0 ? Double.NaN : Math.exp(logSum / n), n == 0 ? Double.NaN : min,
                        n == 0 ? Double.NaN : max, faster, slower, n - faster - slower));
            }
        }
        return out;
    }
}
