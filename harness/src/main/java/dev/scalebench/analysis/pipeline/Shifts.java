package dev.scalebench.analysis.pipeline;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.Roofline;
import dev.scalebench.analysis.roofline.ShiftFinder;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts the points on the roofline into series over batch and over seq (prefill and decode points; generate points
 * have no single step time) and asks {@link ShiftFinder} where each one's bound shifts. A series needs
 * {@value Analyzer#MIN_LEVELS} levels on the roofline, as a fit does. Its knee is the fitted roofline form's when
 * that form is the series' selected one.
 */
final class Shifts {
    private static final double NS_PER_S = 1e9;

    private Shifts() {
    }

    /**
     * @param hw the profile the roofline was placed on
     * @param options the fit options (bootstrap resamples, seed, confidence)
     * @param metric the analysed metric (keys the series, and is the step time of data without mean latencies)
     * @param points every point, in report order
     * @param samples each point's samples
     * @param work each point's FLOPs and bytes per step
     * @param fits every fitted series
     */
    static List<BottleneckShift> find(HardwareProfile hw, FitOptions options, TrialMetric metric,
            List<PointStats> points, Map<PointKey, List<Sample>> samples, Function<PointKey, PointWork> work,
            List<SeriesFit> fits) {
        ShiftFinder finder = new ShiftFinder(hw, options.bootstrap(), options.seed(), options.confidence());
        Map<String, SeriesFit> fitById = new LinkedHashMap<>();
        fits.forEach(f -> fitById.put(f.key().id(), f));
        List<BottleneckShift> out = new ArrayList<>();
        for (Axis axis : List.of(Axis.BATCH, Axis.SEQ)) {
            Map<SeriesKey, List<ShiftFinder.Level>> series = new LinkedHashMap<>();
            for (PointStats p : points) {
                PointKey k = p.point();
                PointWork w = work.apply(k);
                if (k.output() > 0 || !Roofline.canPlace(w)) {
                    continue;
                }
                // the step time the roofline places the point at (Analyzer), and each trial's
                boolean mean = p.seqPerS() > 0;
                double stepS = mean ? k.batch() / p.seqPerS() : p.metricNs() / NS_PER_S;
                double[] trials = samples.getOrDefault(k, List.of()).stream()
                        .mapToDouble(s -> (mean ? s.meanNs() : s.value(metric)) / NS_PER_S)
                        .filter(t -> t > 0 && Double.isFinite(t)).toArray();
                if (!(stepS > 0) || trials.length == 0) {
                    continue;
                }
                double level = axis == Axis.BATCH ? k.batch() : k.seq();
                series.computeIfAbsent(SeriesKey.of(axis, k, metric), x -> new ArrayList<>())
                        .add(new ShiftFinder.Level(level, k.dtype(), w, stepS, trials));
            }
            series.forEach((key, levels) -> {
                if (levels.size() >= Analyzer.MIN_LEVELS) {
                    SeriesFit fit = fitById.get(key.id());
                    boolean roofline = fit != null && "roofline".equals(fit.selected()) && fit.best() != null;
                    out.addAll(finder.find(key.id(), key.label(), axis.id(), key.phase(), levels,
                            roofline ? fit.best().estimate("knee") : null));
                }
            });
        }
        return out;
    }
}
