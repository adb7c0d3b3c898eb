package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Workload;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Computes {@link PointSummary} rows from a {@link Run}. Pure: no I/O. Each trial's statistics come from the run
 * model, reduced from its histogram once; the point's p50, p99 and throughputs are {@link PointStatistic}s of those
 * values, the same figures every other output shows.
 */
public final class Summary {

    private Summary() {
    }

    /** One row per planned point of {@code run}, in plan order. */
    public static List<PointSummary> of(Run run) {
        return run.points().stream().map(Summary::point).toList();
    }

    /**
     * One row per point in {@code points} (plan order), from the trials recorded for it. Trials of other points
     * are ignored; an OK trial without a (non-empty) histogram counts as neither OK nor failed.
     *
     * @param points the planned points
     * @param trials the run's journal
     * @param histograms OK trials' latency histograms (ns) by trial id
     */
    public static List<PointSummary> compute(List<SweepPoint> points, List<TrialResult> trials,
            Map<String, Histogram> histograms) {
        return compute(points, trials, histograms, Map.of());
    }

    /** As {@link #compute(List, List, Map)}, with the trials' further histograms by trial id and series name. */
    public static List<PointSummary> compute(List<SweepPoint> points, List<TrialResult> trials,
            Map<String, Histogram> histograms, Map<String, Map<String, Histogram>> series) {
        return Run.group(points.stream().map(PointEntry::of).toList(), trials, histograms, series, new ArrayList<>())
                .stream().map(Summary::point).toList();
    }

    private static PointSummary point(PointRun run) {
        PointEntry p = run.point();
        List<TrialValues> values = run.measured();
        List<TrialResult> failed = run.failed();
        int n = values.size();
        Histogram pooled = null;
        long iterations = 0;
        int gcTrials = 0;
        Set<Flag> flags = new TreeSet<>(); // Flag order = id order: sorted as summary.csv always was
        List<Double> device = new ArrayList<>();
        List<Double> gap = new ArrayList<>();
        List<TrialResult> ok = new ArrayList<>();
        for (TrialRun t : run.trials()) {
            if (!t.measured()) {
                if (t.failed()) {
                    flags.addAll(t.record().flags());
                }
                continue;
            }
            flags.addAll(t.record().flags());
            ok.add(t.record());
            Histogram h = t.histogram();
            if (pooled == null) {
                pooled = new Histogram(h.getNumberOfSignificantValueDigits());
                pooled.setAutoResize(true);
            }
            pooled.add(h);
            iterations += h.getTotalCount();
            if (t.record().measured().gc().count() > 0) {
                gcTrials++;
            }
            TrialValues v = t.stats();
            if (v.deviceTimed()) {
                device.add(v.deviceNs());
                gap.add(v.meanNs() - v.deviceNs());
            }
        }
        PointSummary.Status status = n > 0 ? (failed.isEmpty() ? PointSummary.Status.OK : PointSummary.Status.PARTIAL)
                : (failed.isEmpty() ? PointSummary.Status.NOT_RUN : PointSummary.Status.FAILED);
        String id = p.id();
        Workload w = p.workload();
        boolean work = w != null && w.knowsWork();
        PointSummary.Figures figures = new PointSummary.Figures(PointStatistic.of(id, values, TrialMetric.P50),
                PointStatistic.of(id, values, TrialMetric.P99), PointStatistic.throughput(id, values, p.batch()),
                PointStatistic.of(id, values, TrialMetric.THROUGHPUT),
                !work ? PointStatistic.NONE : PointStatistic.throughput(id, values, w.flopsPerStep() / 1e9),
                !work ? PointStatistic.NONE : PointStatistic.throughput(id, values, w.bytesPerStep() / 1e9));
        PointSummary.Pooled pool = pooled == null ? PointSummary.Pooled.NONE : new PointSummary.Pooled(
                pooled.getValueAtPercentile(50), pooled.getValueAtPercentile(90), pooled.getValueAtPercentile(95),
                pooled.getValueAtPercentile(99), pooled.getValueAtPercentile(99.9), pooled.getMaxValue(),
                pooled.getMean(), pooled.getStdDeviation());
        return new PointSummary(p, new PointSummary.Trials(n, failed.size(), iterations, gcTrials), figures, pool,
                new PointSummary.DeviceTime(mean(device), mean(gap)), List.copyOf(flags), status, reason(failed),
                p.output() > 0 ? PointSummary.Generation.of(id, p.output(), values) : null,
                PointSummary.memPeakBytes(ok), PointSummary.Energy.of(id, values));
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String reason(List<TrialResult> failed) {
        if (failed.isEmpty()) {
            return null;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (TrialResult t : failed) {
            reasons.add(TrialResult.describeFailure(t));
        }
        return String.join("; ", reasons);
    }
}
