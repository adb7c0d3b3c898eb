package dev.scalebench.analysis.pipeline;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.EnergyStats;
import dev.scalebench.analysis.GenerationStats;
import dev.scalebench.measure.Flag;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.capacity.CapacityFinder;
import dev.scalebench.analysis.capacity.SloSet;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.Fitter;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.Roofline;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.stats.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns a {@link Dataset} into an {@link Analysis}: summarizes each point, cuts the data into series (over batch
 * at each seq, over seq at each batch, over model size at each batch and seq, and for generate points over output
 * length, each generate series over batch also for its TPOT and TTFT: {@link SeriesCutter}; a series needs
 * {@value #MIN_LEVELS} levels), fits each series, places the points on a hardware profile's roofline, and answers
 * the capacity of each generate series under each SLO set ({@link CapacityFinder}), and finds where each series'
 * bound shifts along batch or seq ({@link Shifts}).
 * Series are fitted in parallel; the result does not depend on the number of threads.
 */
public final class Analyzer {

    /** Fewest distinct levels a series needs to be fitted at all. */
    public static final int MIN_LEVELS = 3;
    private static final double NS_PER_S = 1e9;

    private final FitOptions options;
    private final TrialMetric metric;
    private final List<SloSet> slos;

    /**
     * An analyzer whose capacity answers use the default SLOs ({@link SloSet#DEFAULTS}).
     *
     * @param options how to fit
     * @param metric the per-trial statistic to fit
     */
    public Analyzer(FitOptions options, TrialMetric metric) {
        this(options, metric, SloSet.DEFAULTS);
    }

    /**
     * @param options how to fit
     * @param metric the per-trial statistic to fit
     * @param slos the SLO sets of the capacity answers of generate series; empty for none
     */
    public Analyzer(FitOptions options, TrialMetric metric, List<SloSet> slos) {
        this.options = options;
        this.metric = metric;
        this.slos = List.copyOf(slos);
    }

    /**
     * Analyses {@code data}.
     *
     * @param data the samples
     * @param hardware the profile for the roofline, or null to skip it (a warning says so)
     */
    public Analysis analyze(Dataset data, HardwareProfile hardware) {
        return analyze(data, hardware, null);
    }

    /**
     * Analyses {@code data} against a profile and, when it was measured, its data sheet beside it
     * ({@link dev.scalebench.analysis.roofline.Ceilings}).
     *
     * @param data the samples
     * @param hardware the profile whose ceilings decide the bound, or null to skip the roofline (a warning says so)
     * @param spec the data-sheet profile beside a measured {@code hardware}, or null
     */
    public Analysis analyze(Dataset data, HardwareProfile hardware, HardwareProfile spec) {
        List<String> warnings = new ArrayList<>(data.warnings());
        Map<PointKey, List<Sample>> byPoint = group(data.samples(), warnings);
        List<PointStats> points = new ArrayList<>();
        byPoint.forEach((k, s) -> points.add(stats(k, s).withFlags(flagCounts(s))
                .withMemPeak(data.work(k).memPeakBytes()).withEnergy(EnergyStats.of(k.id(), s))));

        List<Series> series = new ArrayList<>();
        SeriesCutter cutter = new SeriesCutter(metric);
        for (Axis axis : Axis.values()) {
            series.addAll(cutter.cut(byPoint, axis, warnings));
        }
        Fitter fitter = new Fitter(options);
        List<SeriesFit> fits = series.parallelStream().map(fitter::fit).toList();

        List<RooflinePoint> roofline = new ArrayList<>();
        List<BottleneckShift> shifts = List.of();
        if (hardware == null) {
            warnings.add("no hardware profile for device '" + data.device()
                    + "': the roofline is left out (name one with --hardware)");
        } else {
            if (hardware.measured() && spec == null) {
                warnings.add("the measured ceilings of " + hardware.id() + " have no data-sheet profile beside them"
                        + (hardware.spec().isEmpty() ? "" : " (its spec '" + hardware.spec() + "' was not found)")
                        + ": fractions of the data sheet are left out");
            }
            int unknown = 0;
            int atLatency = 0;
            for (PointStats p : points) {
                PointWork w = data.work(p.point());
                // achieved FLOP/s and B/s are the point's throughput in FLOPs and bytes (PointStatistic); data
                // without mean latencies have no throughput, and are placed at the analysed latency instead
                double stepS = p.seqPerS() > 0 ? p.point().batch() / p.seqPerS() : p.metricNs() / NS_PER_S;
                if (Roofline.canPlace(w) && stepS > 0) {
                    roofline.add(Roofline.place(hardware, spec, p.point(), w, stepS));
                    atLatency += p.seqPerS() > 0 ? 0 : 1;
                } else {
                    unknown++;
                }
            }
            if (unknown > 0) {
                warnings.add(unknown + " point(s) have no known FLOP or byte count and are not on the roofline");
            }
            if (atLatency > 0) {
                warnings.add(atLatency + " point(s) have no mean latency, so no throughput: they are on the roofline"
                        + " at their " + metric.id() + " step time");
            }
            shifts = Shifts.find(hardware, options, metric, points, byPoint, data::work, fits);
        }
        List<Capacity> capacity = new CapacityFinder(options).find(generatePoints(data.samples()), slos, warnings);
        return new Analysis(Analysis.SCHEMA, data.source(), data.device(), metric, options, points, fits, hardware,
                roofline, warnings, spec, data.repairs(), capacity, shifts);
    }

    /** Every sample of a generate point, by point in report order (whatever the analysed metric). */
    private static Map<PointKey, List<Sample>> generatePoints(List<Sample> samples) {
        Map<PointKey, List<Sample>> out = new TreeMap<>(REPORT_ORDER);
        for (Sample s : samples) {
            if (s.point().output() > 0) {
                out.computeIfAbsent(s.point(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    /** Samples by point, in report order; samples without a usable value of the metric are dropped (warned). */
    private Map<PointKey, List<Sample>> group(List<Sample> samples, List<String> warnings) {
        Map<PointKey, List<Sample>> byPoint = new TreeMap<>(REPORT_ORDER);
        int unusable = 0;
        for (Sample s : samples) {
            double v = s.value(metric);
            if (!(v > 0) || !Double.isFinite(v)) {
                unusable++;
                continue;
            }
            byPoint.computeIfAbsent(s.point(), k -> new ArrayList<>()).add(s);
        }
        if (unusable > 0) {
            warnings.add(unusable + " sample(s) have no positive " + metric.id() + " latency and are left out");
        }
        return byPoint;
    }

    /** Model (by size, then name), dtype, phase, seq, output (generate points), batch. */
    static final Comparator<PointKey> REPORT_ORDER = Comparator
            .comparingLong((PointKey k) -> k.params() < 0 ? Long.MAX_VALUE : k.params())
            .thenComparing(PointKey::model).thenComparing(PointKey::dtype).thenComparing(PointKey::phase)
            .thenComparingInt(PointKey::seq).thenComparingInt(PointKey::output).thenComparingInt(PointKey::batch);

    /**
     * The point's figures, as every output defines them ({@link PointStatistic}): p50, p99 and the analysed metric
     * are medians over the trials of each trial's value, throughput the median over trials of work per step / the
     * trial's mean step time (NaN where the data have no mean), each with its bootstrap interval.
     */
    private PointStats stats(PointKey key, List<Sample> samples) {
        String id = key.id();
        PointStatistic p50 = PointStatistic.of(id, TrialMetric.P50.id(), values(samples, Sample::p50Ns));
        PointStatistic p99 = PointStatistic.of(id, TrialMetric.P99.id(), values(samples, Sample::p99Ns));
        PointStatistic m = PointStatistic.of(id, metric.id(), values(samples, s -> s.value(metric)));
        double[] means = values(samples, Sample::meanNs);
        PointStatistic seqPerS = PointStatistic.throughput(id, means, key.batch());
        PointStatistic tokensPerS = PointStatistic.throughput(id, means, key.tokensPerStep());
        double[] device = samples.stream().filter(s -> s.deviceNs() >= 0 && s.meanNs() > 0)
                .mapToDouble(Sample::deviceNs).toArray();
        double[] gap = samples.stream().filter(s -> s.deviceNs() >= 0 && s.meanNs() > 0)
                .mapToDouble(s -> s.meanNs() - s.deviceNs()).toArray();
        PointStats stats = new PointStats(key, samples.size(), p50.value(), p50.ci95(), p99.value(), p99.ci95(),
                m.value(), m.ci95(), seqPerS.value(), tokensPerS.value(), mean(device), mean(gap), seqPerS.ci95(),
                tokensPerS.ci95());
        if (key.output() == 0) {
            return stats;
        }
        return stats.withGeneration(new GenerationStats(generation(id, samples, TrialMetric.TTFT_P50),
                generation(id, samples, TrialMetric.TTFT_P99), generation(id, samples, TrialMetric.TPOT_P50),
                generation(id, samples, TrialMetric.TPOT_P99)));
    }

    private static PointStatistic generation(String id, List<Sample> samples, TrialMetric m) {
        return PointStatistic.of(id, m.id(), values(samples, s -> s.value(m)));
    }

    /** Per quality flag, how many of the samples carry it. */
    private static Map<Flag, Integer> flagCounts(List<Sample> samples) {
        Map<Flag, Integer> counts = new TreeMap<>();
        for (Sample s : samples) {
            s.flags().stream().distinct().forEach(f -> counts.merge(f, 1, Integer::sum));
        }
        return counts;
    }

    private static double[] values(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Stats.mean(v);
    }
}
