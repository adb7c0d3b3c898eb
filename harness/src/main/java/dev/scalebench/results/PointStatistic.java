package dev.scalebench.results;

import dev.scalebench.stats.Interval;
import dev.scalebench.stats.Stats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one definition of a point's p50, p99 and throughput: every output that shows a per-point figure
 * ({@code summary.csv}, {@code fits.json} and the reports, {@code compare}, {@code gate}, {@code trend}, the
 * per-point gauges of {@code metrics.prom}) takes it from here.
 *
 * <p><b>The trial is the unit of evidence.</b> Each OK trial gives one value, reduced from its own histogram:
 * its p50 or p99 step latency, or its throughput, {@code work per step / the trial's mean step time} (= the work
 * of all its measured steps over the time they took: the rate the trial sustained, stragglers included). The
 * point's figure is the <b>median over its OK trials</b> of those values, with the 95 % percentile-bootstrap
 * interval of that median over trials ({@value #RESAMPLES} resamples, seeded from the point id and the metric, so
 * the same trials always give the same interval). Iterations are never pooled across trials: they are
 * autocorrelated within a trial, and pooling lets the trials with more iterations dominate.
 *
 * <p>Throughput in any unit of work (tokens, sequences, FLOPs, bytes) is the same median with a different work
 * per step, so tokens/s, seq/s and GFLOP/s of one point are in exact proportion. Values that are not positive and
 * finite (a trial without iterations, imported data without a mean) are left out; with none left the figure is
 * NaN.
 *
 * @param value the median over trials, ns for latencies, per second for throughputs; NaN without a trial
 * @param ci95 the 95 % percentile-bootstrap interval of the median over trials; {@link Interval#UNDEFINED} with
 *     fewer than 2 trials. With few trials it is close to the range of the trial values (3 trials: their minimum
 *     and maximum), and it is not corrected for the number of points: it describes, {@code gate} decides.
 * @param trials the number of trial values the median is of
 */
public record PointStatistic(double value, Interval ci95, int trials) {

    /**
     * Bootstrap resamples of the interval (10 000: docs/analysis.md, "A point's p50, p99 and throughput: one
     * definition").
     */
    public static final int RESAMPLES = 10_000;
    /** The interval's confidence level. */
    public static final double LEVEL = 0.95;
    /** Nothing measured. */
    public static final PointStatistic NONE = new PointStatistic(Double.NaN, Interval.UNDEFINED, 0);

    private static final double NS_PER_S = 1e9;

    /**
     * A trial's throughput: {@code workPerStep / meanStepNs}, per second. The only place a throughput is computed
     * from a latency; {@link TrialValues#value(TrialMetric)} uses it for {@link TrialMetric#THROUGHPUT}.
     *
     * @param workPerStep work one step does (tokens, sequences, FLOPs, bytes)
     * @param meanStepNs the trial's mean step latency, ns
     * @return work per second; NaN when the mean is not positive
     */
    public static double perSecond(double workPerStep, double meanStepNs) {
        return meanStepNs > 0 ? workPerStep * NS_PER_S / meanStepNs : Double.NaN;
    }

    /** The point value of {@code metric} over {@code trials} (the median, no interval): what gates compare. */
    public static double median(List<TrialValues> trials, TrialMetric metric) {
        return valueOnly(trials, metric).value();
    }

    /**
     * The median of {@code metric} over {@code trials} and their number, without the interval (its bootstrap is
     * the costly part): what trends, which see every run of a history, use.
     */
    public static PointStatistic valueOnly(List<TrialValues> trials, TrialMetric metric) {
        double[] v = usable(trials.stream().mapToDouble(t -> t.value(metric)).toArray());
        return v.length == 0 ? NONE : new PointStatistic(Stats.median(v), Interval.UNDEFINED, v.length);
    }

    /** {@code metric} over the OK trials of point {@code pointId}, with its interval. */
    public static PointStatistic of(String pointId, List<TrialValues> trials, TrialMetric metric) {
        return of(pointId, metric.id(), trials.stream().mapToDouble(t -> t.value(metric)).toArray());
    }

    /**
     * Throughput in another unit of work: the median over trials of {@code workPerStep / trial mean step time}.
     * With {@code workPerStep} = tokens per step it equals {@code of(pointId, trials, THROUGHPUT)}.
     */
    public static PointStatistic throughput(String pointId, List<TrialValues> trials, double workPerStep) {
        return throughput(pointId, trials.stream().mapToDouble(TrialValues::meanNs).toArray(), workPerStep);
    }

    /** Throughput from the trials' mean step latencies (ns), as {@link #throughput(String, List, double)}. */
    public static PointStatistic throughput(String pointId, double[] meanStepNs, double workPerStep) {
        double[] v = new double[meanStepNs.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = perSecond(workPerStep, meanStepNs[i]);
        }
        return of(pointId, TrialMetric.THROUGHPUT.id(), v);
    }

    /**
     * The statistic of per-trial values {@code perTrial} of point {@code pointId}.
     *
     * @param pointId the point's id (seeds the interval)
     * @param metric the metric's id, {@code p50}, {@code p99}, {@code mean}, {@code throughput}... (seeds the
     *     interval: the throughputs of one point in different units resample the same trials)
     * @param perTrial one value per OK trial; values that are not positive and finite are left out
     */
    public static PointStatistic of(String pointId, String metric, double[] perTrial) {
        double[] v = usable(perTrial);
        if (v.length == 0) {
            return NONE;
        }
        Arrays.sort(v);
        double median = Stats.quantileSorted(v, 0.5);
        return new PointStatistic(median, v.length < 2 ? Interval.UNDEFINED : interval(v, seed(pointId, metric)),
                v.length);
    }

    /** This statistic times {@code factor} (e.g. ns to s): the same median and interval in another unit. */
    public PointStatistic times(double factor) {
        return new PointStatistic(value * factor, new Interval(ci95.lo() * factor, ci95.hi() * factor), trials);
    }

    private static double[] usable(double[] v) {
        return Arrays.stream(v).filter(x -> x > 0 && Double.isFinite(x)).toArray();
    }

    /** Percentile bootstrap of the median: resample the trials with replacement, take the median, repeat. */
    private static Interval interval(double[] sorted, long seed) {
        int n = sorted.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] scratch = new double[n];
        double[] medians = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                scratch[i] = sorted[rnd.nextInt(n)];
            }
            Arrays.sort(scratch);
            medians[r] = (n & 1) == 1 ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
        }
        Arrays.sort(medians);
        double a = (1 - LEVEL) / 2;
        return new Interval(Stats.quantileSorted(medians, a), Stats.quantileSorted(medians, 1 - a));
    }

    /** 64-bit FNV-1a of {@code pointId|metric} (UTF-8): the same on every JVM. */
    private static long seed(String pointId, String metric) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (pointId + "|" + metric).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
