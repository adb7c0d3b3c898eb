package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The points of one series along batch or seq, as the per-point fits beside the latency fits take them (memory,
 * energy): grouped by the series id the latency fits use ({@link SeriesKey}, the swept factor unset), sorted by
 * level, with the value the fit models.
 *
 * @param id the series id, e.g. {@code batch:gpt-1m/fp32/prefill/s64}
 * @param axis the axis swept
 * @param x the levels, ascending
 * @param y each level's value
 */
record PointSeries(String id, Axis axis, double[] x, double[] y) {

    /**
     * Every series over {@code axis} of the points {@code has} accepts, in first-seen order, keeping those with at
     * least {@code minLevels} distinct levels.
     *
     * @param metric the metric the series id names ({@code null} for none)
     */
    static List<PointSeries> of(List<PointStats> points, Axis axis, TrialMetric metric, Predicate<PointStats> has,
            ToDoubleFunction<PointStats> value, int minLevels) {
        Map<String, List<PointStats>> series = new LinkedHashMap<>();
        for (PointStats p : points) {
            if (has.test(p)) {
                PointKey k = p.point();
                String id = new SeriesKey(axis, k.model(), k.dtype(), k.phase(), axis == Axis.BATCH ? 0 : k.batch(),
                        axis == Axis.SEQ ? 0 : k.seq(), k.output(), metric).id();
                series.computeIfAbsent(id, s -> new ArrayList<>()).add(p);
            }
        }
        List<PointSeries> out = new ArrayList<>();
        series.forEach((id, ps) -> {
            List<PointStats> sorted = ps.stream().sorted(Comparator.comparingInt(p -> level(axis, p))).toList();
            double[] x = sorted.stream().mapToDouble(p -> level(axis, p)).toArray();
            if (java.util.Arrays.stream(x).distinct().count() >= minLevels) {
                out.add(new PointSeries(id, axis, x, sorted.stream().mapToDouble(value).toArray()));
            }
        });
        return out;
    }

    private static int level(Axis axis, PointStats p) {
        return axis == Axis.BATCH ? p.point().batch() : p.point().seq();
    }
}
