package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.stats.Interval;
import dev.scalebench.stats.StudentT;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Measured peak memory against batch or seq, fitted per series as a straight line {@code memory = a + b·x} by
 * ordinary least squares over the series' points with a reading ({@link PointStats#memPeakBytes()}): {@code a} is
 * what the point holds whatever its batch (weights, the engine's fixed workspace), {@code b} what each further
 * sequence (or token of sequence length) adds (activations, KV cache). The intervals are Student-t intervals from
 * the residuals (n − 2 degrees of freedom, 95 %); each point contributes one value (the largest over its trials),
 * so they describe the scatter of points about the line, not trial-to-trial noise. Memory grows linearly in batch
 * for every phase; along seq, a prefill's attention scores grow with seq², which {@code maxAbsRelResidual} shows as
 * the line's misfit. A series needs at least {@value #MIN_LEVELS} levels with a reading.
 *
 * @param series {@code batch:gpt-1m/fp32/prefill/s64} or {@code seq:gpt-1m/fp32/prefill/b4} (with {@code /oN} for
 *     a generate series)
 * @param axis {@code batch} or {@code seq}
 * @param x the levels, ascending
 * @param bytes the measured peak memory growth at each level, bytes
 * @param interceptBytes {@code a}, bytes
 * @param interceptCi its 95 % interval
 * @param slopeBytes {@code b}, bytes per unit of the axis (per sequence, per token of sequence length)
 * @param slopeCi its 95 % interval
 * @param maxAbsRelResidual the largest |fitted − measured| / measured over the levels
 */
public record MemoryFit(String series, String axis, double[] x, double[] bytes, double interceptBytes,
        Interval interceptCi, double slopeBytes, Interval slopeCi, double maxAbsRelResidual) {

    /** The fewest levels with a reading a series needs to be fitted. */
    public static final int MIN_LEVELS = 3;

    /** The fits of every series over batch, then over seq, that has enough measured levels, in first-seen order. */
    public static List<MemoryFit> fit(List<PointStats> points) {
        List<MemoryFit> out = new ArrayList<>();
        out.addAll(fit(points, Axis.BATCH, PointKey::batch));
        out.addAll(fit(points, Axis.SEQ, PointKey::seq));
        return out;
    }

    private static List<MemoryFit> fit(List<PointStats> points, Axis axis, Function<PointKey, Integer> level) {
        Map<String, List<PointStats>> series = new LinkedHashMap<>();
        for (PointStats p : points) {
            if (p.memoryKnown()) {
                PointKey k = p.point(); // the series id as the latency fits name it (the swept factor unset)
                String id = new SeriesKey(axis, k.model(), k.dtype(), k.phase(), axis == Axis.BATCH ? 0 : k.batch(),
                        axis == Axis.SEQ ? 0 : k.seq(), k.output(), null).id();
                series.computeIfAbsent(id, s -> new ArrayList<>()).add(p);
            }
        }
        List<MemoryFit> out = new ArrayList<>();
        series.forEach((id, ps) -> {
            List<PointStats> sorted = ps.stream().sorted(Comparator.comparingInt(p -> level.apply(p.point())))
                    .toList();
            double[] x = sorted.stream().mapToDouble(p -> level.apply(p.point())).toArray();
            double[] y = sorted.stream().mapToDouble(PointStats::memPeakBytes).toArray();
            if (java.util.Arrays.stream(x).distinct().count() >= MIN_LEVELS) {
                out.add(line(id, axis.id(), x, y));
            }
        });
        return out;
    }

    /** The least-squares line through {@code (x, y)} (at least two distinct x). */
    static MemoryFit line(String series, String axis, double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double sse = 0;
        double rel = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a + b * x[i]);
            sse += r * r;
            rel = Math.max(rel, y[i] > 0 ? Math.abs(r) / y[i] : 0);
        }
        Interval aCi = Interval.UNDEFINED;
        Interval bCi = Interval.UNDEFINED;
        if (n > 2) {
            double s2 = sse / (n - 2);
            double t = StudentT.critical(n - 2, 0.95);
            double seB = Math.sqrt(s2 / sxx);
            double seA = Math.sqrt(s2 * (1.0 / n + mx * mx / sxx));
            aCi = new Interval(a - t * seA, a + t * seA);
            bCi = new Interval(b - t * seB, b + t * seB);
        }
        return new MemoryFit(series, axis, x, y, a, aCi, b, bCi, rel);
    }
}
