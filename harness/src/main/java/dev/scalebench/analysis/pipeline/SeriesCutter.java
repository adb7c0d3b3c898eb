package dev.scalebench.analysis.pipeline;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts the points into series along one axis ({@link SeriesKey#of}): over batch at each seq, over seq at each
 * batch, over model size at each batch and seq, and for generate points (which also hold their output length
 * fixed) over output length at each batch and seq. Each generate series over batch is also cut for its TPOT and
 * TTFT ({@link FittedMetrics#OVER_BATCH}), right after the series of the analysed metric. A series needs
 * {@value Analyzer#MIN_LEVELS} levels; one note counts those with fewer.
 */
final class SeriesCutter {
    private static final double NS_PER_S = 1e9;

    private final TrialMetric metric;

    /** Cuts series of {@code metric} (the analysis's). */
    SeriesCutter(TrialMetric metric) {
        this.metric = metric;
    }

    /** The series along {@code axis} with at least {@link Analyzer#MIN_LEVELS} levels, in the points' order. */
    List<Series> cut(Map<PointKey, List<Sample>> byPoint, Axis axis, List<String> warnings) {
        Map<SeriesKey, List<PointKey>> groups = new LinkedHashMap<>();
        for (PointKey k : byPoint.keySet()) {
            if (axis == Axis.MODEL && k.params() <= 0) {
                continue;
            }
            SeriesKey key = SeriesKey.of(axis, k, metric);
            if (key != null) {
                groups.computeIfAbsent(key, s -> new ArrayList<>()).add(k);
            }
        }
        List<Series> out = new ArrayList<>();
        int tooShort = 0;
        for (Map.Entry<SeriesKey, List<PointKey>> g : groups.entrySet()) {
            SeriesKey key = g.getKey();
            List<SeriesKey> keys = new ArrayList<>(List.of(key));
            if (axis == Axis.BATCH && key.metric() != null) {
                FittedMetrics.OVER_BATCH.stream().filter(m -> m != key.metric()).map(key::withMetric)
                        .forEach(keys::add);
            }
            for (SeriesKey k : keys) {
                TrialMetric m = k.metric() == null ? metric : k.metric();
                Series s = series(k, g.getValue(), byPoint, m);
                if (levels(s) >= Analyzer.MIN_LEVELS) {
                    out.add(s);
                } else if (s.size() > 0 || k == key) {
                    // a metric no trial has (TPOT of one-token requests) is no series at all
                    tooShort++;
                }
            }
        }
        if (tooShort > 0) {
            warnings.add(String.format(Locale.ROOT,
                    "%d series over %s not fitted: fewer than %d %s levels", tooShort, axis.id(), Analyzer.MIN_LEVELS,
                    axis.id()));
        }
        return out;
    }

    /** One observation per trial with a positive, finite value of {@code m}, ordered by level. */
    private static Series series(SeriesKey key, List<PointKey> points, Map<PointKey, List<Sample>> byPoint,
            TrialMetric m) {
        List<double[]> obs = new ArrayList<>();
        for (PointKey k : points) {
            for (Sample s : byPoint.get(k)) {
                double v = s.value(m);
                if (v > 0 && Double.isFinite(v)) {
                    obs.add(new double[] {level(key.axis(), k), v / NS_PER_S});
                }
            }
        }
        obs.sort(Comparator.comparingDouble(o -> o[0]));
        return new Series(key, obs.stream().mapToDouble(o -> o[0]).toArray(),
                obs.stream().mapToDouble(o -> o[1]).toArray());
    }

    private static int levels(Series s) {
        TreeSet<Double> levels = new TreeSet<>();
        for (double x : s.x()) {
            levels.add(x);
        }
        return levels.size();
    }

    static double level(Axis axis, PointKey k) {
        return switch (axis) {
            case BATCH -> k.batch();
            case SEQ -> k.seq();
            case MODEL -> k.params();
            case OUTPUT -> k.output();
        };
    }
}
