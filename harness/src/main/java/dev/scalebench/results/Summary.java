package dev.scalebench.results;

import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Workload;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Computes {@link PointSummary} rows from a run's trials and histograms. Pure: no I/O. Each OK trial is reduced
 * from its histogram once ({@link TrialValues}); the point's p50, p99 and throughputs are {@link PointStatistic}s
 * of those values, the same figures every other output shows.
 */
public final class Summary {

    private Summary() {
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
        List<PointSummary> rows = new ArrayList<>(points.size());
        for (SweepPoint p : points) {
            List<TrialResult> ok = new ArrayList<>();
            List<TrialResult> failed = new ArrayList<>();
            for (TrialResult t : trials) {
                if (t.pointId().equals(p.id())) {
                    if (!t.ok()) {
                        failed.add(t);
                    } else if (histograms.containsKey(t.trialId())
                            && histograms.get(t.trialId()).getTotalCount() > 0) {
                        ok.add(t);
                    }
                }
            }
            rows.add(point(p, ok, failed, histograms));
        }
        return rows;
    }

    private static PointSummary point(SweepPoint p, List<TrialResult> ok, List<TrialResult> failed,
            Map<String, Histogram> hists) {
        int n = ok.size();
        Histogram pooled = null;
        List<TrialValues> values = new ArrayList<>(n);
        Workload work = p.workload();
        long iterations = 0;
        int gcTrials = 0;
        Set<String> flags = new TreeSet<>();
        List<Double> device = new ArrayList<>();
        List<Double> gap = new ArrayList<>();
        for (TrialResult t : ok) {
            Histogram h = hists.get(t.trialId());
            if (pooled == null) {
                pooled = new Histogram(h.getNumberOfSignificantValueDigits());
                pooled.setAutoResize(true);
            }
            pooled.add(h);
            iterations += h.getTotalCount();
            TrialValues v = TrialValues.of(p.id(), t.replicate(), h, p.tokensPerStep(), t.flags());
            values.add(v);
            if (t.gcCount() > 0) {
                gcTrials++;
            }
            if (t.deviceNanos() >= 0 && t.iterations() > 0) {
                double d = (double) t.deviceNanos() / t.iterations();
                device.add(d);
                gap.add(v.meanNs() - d);
            }
            flags.addAll(t.flags());
        }
        for (TrialResult t : failed) {
            flags.addAll(t.flags());
        }
        double nan = Double.NaN;
        String status = n > 0 ? (failed.isEmpty() ? "ok" : "partial") : (failed.isEmpty() ? "not-run" : "failed");
        String id = p.id();
        return new PointSummary(id, p.backend(), p.device(), p.model().name(),
                work.parameters(), p.dtype().id(), p.phase().id(),
                p.batch(), p.seq(), n, failed.size(), iterations,
                PointStatistic.of(id, values, TrialMetric.P50), PointStatistic.of(id, values, TrialMetric.P99),
                PointStatistic.throughput(id, values, p.batch()), PointStatistic.of(id, values, TrialMetric.THROUGHPUT),
                !work.knowsWork() ? PointStatistic.NONE : PointStatistic.throughput(id, values, work.flopsPerStep() / 1e9),
                !work.knowsWork() ? PointStatistic.NONE : PointStatistic.throughput(id, values, work.bytesPerStep() / 1e9),
                pct(pooled, 50), pct(pooled, 90), pct(pooled, 95), pct(pooled, 99), pct(pooled, 99.9),
                pooled == null ? nan : pooled.getMaxValue(), pooled == null ? nan : pooled.getMean(),
                pooled == null ? nan : pooled.getStdDeviation(),
                mean(device), mean(gap), gcTrials, List.copyOf(flags), status, reason(failed));
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double pct(Histogram h, double p) {
        return h == null ? Double.NaN : h.getValueAtPercentile(p);
    }

    private static String reason(List<TrialResult> failed) {
        if (failed.isEmpty()) {
            return null;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (TrialResult t : failed) {
            String kind = t.failureKind() == null ? "failed" : t.failureKind();
            reasons.add(t.failureMessage() == null ? kind : kind + ": " + t.failureMessage());
        }
        return String.join("; ", reasons);
    }
}
