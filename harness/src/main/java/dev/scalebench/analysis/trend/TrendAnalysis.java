package dev.scalebench.analysis.trend;

import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Multiplicity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Cuts a history of runs into series and finds their change points.
 *
 * <p>A series is one point (by sweep, point id, backend and device) × one metric × one environment, where the
 * environment is the run's fingerprint restricted to {@link Fingerprint#COMPARABLE_KEYS} (machine and engine, not
 * code): a run on another machine starts another series rather than looking like a change. A run's value in a
 * series is the median over its OK trials of the metric; runs are ordered by start time (then id) and a run
 * without trials for the point is not part of that series. Runs of any status count, with the trials they have.
 *
 * <p>Each series is searched by {@link ChangePoints}. Then Benjamini–Hochberg runs over one family of p-values:
 * every change point of every series, and for a series without one its smallest candidate p-value (so that the
 * family holds every series that was tested, not only the ones that already passed). A change point is reported
 * when its adjusted p-value is at most the maximum p-value. Removing one changes its neighbours' segments, so the
 * series that lost one are re-tested ({@link ChangePoints#retest}) and the correction runs again, until nothing
 * more is removed. Series shorter than 2 × the minimum segment are listed as too short.
 */
public final class TrendAnalysis {

    private TrendAnalysis() {
    }

    /** The trends of {@code runs} (any order) under {@code o}; {@code sweep} only labels the result. */
    public static Trends analyze(List<RunMetrics> runs, String sweep, TrendOptions o) {
        List<RunMetrics> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparing(RunMetrics::started, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunMetrics::runId));
        List<SortedMap<String, String>> envs = new ArrayList<>();
        Map<TrendKey, List<Observation>> series = new LinkedHashMap<>();
        for (RunMetrics r : ordered) {
            SortedMap<String, String> env = Fingerprint.select(r.fingerprint(), Fingerprint.COMPARABLE_KEYS);
            int e = envs.indexOf(env);
            if (e < 0) {
                envs.add(env);
                e = envs.size() - 1;
            }
            for (Map.Entry<String, List<TrialValues>> p : r.trialsByPoint().entrySet()) {
                PointEntry pe = r.point(p.getKey());
                if (pe == null || p.getValue().isEmpty()) {
                    continue;
                }
                for (TrialMetric m : o.metrics()) {
                    // the run's value at the point: its figure as every output has it
                    PointStatistic v = PointStatistic.valueOnly(p.getValue(), m);
                    if (v.trials() > 0) {
                        TrendKey k = new TrendKey(r.sweep(), pe.id(), pe.backend(), pe.device(), m, e);
                        series.computeIfAbsent(k, x -> new ArrayList<>())
                                .add(new Observation(r.runId(), r.started(), v.value(), v.trials()));
                    }
                }
            }
        }
        return new Trends(o, sweep, runs.size(), envs, detect(order(series), o));
    }

    /** Sweep by name, then points in order of first appearance, metrics in enum order, environments. */
    private static Map<TrendKey, List<Observation>> order(Map<TrendKey, List<Observation>> series) {
        Map<String, Integer> seen = new HashMap<>();
        series.keySet().forEach(k -> seen.putIfAbsent(point(k), seen.size()));
        List<TrendKey> keys = new ArrayList<>(series.keySet());
        keys.sort(Comparator.comparing(TrendKey::sweep).thenComparing(k -> seen.get(point(k)))
                .thenComparing(TrendKey::metric).thenComparingInt(TrendKey::env));
        Map<TrendKey, List<Observation>> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, series.get(k)));
        return out;
    }

    private static String point(TrendKey k) {
        return k.sweep() + "\u0000" + k.pointId() + "\u0000" + k.backend() + "\u0000" + k.device();
    }

    /** One series during the correction: its values, current change points, and those the correction removed. */
    private static final class State {
        final TrendKey key;
        final List<Observation> runs;
        final double[] values;
        final boolean tooShort;
        double screenP = Double.NaN;
        List<ChangePoints.Change> changes = List.of();
        final List<ChangePoint> removed = new ArrayList<>();
        double[] adjusted = new double[0];

        State(TrendKey key, List<Observation> runs, int minRuns) {
            this.key = key;
            this.runs = runs;
            this.values = runs.stream().mapToDouble(Observation::value).toArray();
            this.tooShort = values.length < minRuns;
        }
    }

    private static List<TrendSeries> detect(Map<TrendKey, List<Observation>> series, TrendOptions o) {
        List<State> states = new ArrayList<>();
        for (Map.Entry<TrendKey, List<Observation>> e : series.entrySet()) {
            State s = new State(e.getKey(), e.getValue(), 2 * o.minSegment());
            if (!s.tooShort) {
                ChangePoints.Detection d = ChangePoints.detect(s.values, o);
                s.screenP = d.screenP();
                s.changes = d.changes();
            }
            states.add(s);
        }
        boolean removedAny = true;
        while (removedAny) {
            adjust(states);
            removedAny = false;
            for (State s : states) {
                List<Integer> keep = new ArrayList<>();
                for (int k = 0; k < s.changes.size(); k++) {
                    if (s.adjusted[k] <= o.maxP()) {
                        keep.add(s.changes.get(k).index());
                    } else {
                        s.removed.add(report(s, s.changes.get(k), s.adjusted[k]));
                    }
                }
                if (keep.size() < s.changes.size()) {
                    s.changes = ChangePoints.retest(s.values, keep, o);
                    removedAny = true;
                }
            }
        }
        List<TrendSeries> out = new ArrayList<>(states.size());
        for (State s : states) {
            List<ChangePoint> kept = new ArrayList<>();
            for (int k = 0; k < s.changes.size(); k++) {
                kept.add(report(s, s.changes.get(k), s.adjusted[k]));
            }
            out.add(new TrendSeries(s.key, s.runs, kept, s.removed, s.tooShort));
        }
        return out;
    }

    /** Benjamini–Hochberg over every change point, and the screening p-value of each tested series without one. */
    private static void adjust(List<State> states) {
        List<Double> family = new ArrayList<>();
        for (State s : states) {
            if (s.tooShort) {
                continue;
            }
            if (s.changes.isEmpty()) {
                family.add(s.screenP);
            } else {
                s.changes.forEach(c -> family.add(c.p()));
            }
        }
        double[] adj = Multiplicity.benjaminiHochberg(family.stream().mapToDouble(Double::doubleValue).toArray());
        int next = 0;
        for (State s : states) {
            if (s.tooShort) {
                continue;
            }
            if (s.changes.isEmpty()) {
                next++;
                s.adjusted = new double[0];
            } else {
                s.adjusted = java.util.Arrays.copyOfRange(adj, next, next + s.changes.size());
                next += s.changes.size();
            }
        }
    }

    private static ChangePoint report(State s, ChangePoints.Change c, double adjustedP) {
        Observation at = s.runs.get(c.index());
        double rel = c.relativeChange();
        return new ChangePoint(c.index(), at.runId(), at.started(), c.p(), adjustedP, c.meanBefore(), c.meanAfter(),
                rel, Direction.of(rel, s.key.metric().higherIsBetter()));
    }
}
