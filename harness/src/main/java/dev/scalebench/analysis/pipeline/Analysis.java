package dev.scalebench.analysis.pipeline;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import java.util.List;

/**
 * The result of analysing a dataset: what {@code fits.json}, {@code report.html} and {@code report.md} are
 * written from.
 *
 * @param schema format version of {@code fits.json}: 2 since the point figures are {@link
 *     dev.scalebench.results.PointStatistic}s (medians over trials, throughput from the mean step time); 1 when
 *     read from an older file (geometric means over trials, throughput from the analysed metric)
 * @param source where the data came from
 * @param device the device, in words
 * @param metric the per-trial statistic the fits model
 * @param options how fits were made
 * @param points every point, summarized, in (model, dtype, phase, seq, batch) order
 * @param fits every series that could be fitted
 * @param hardware the hardware profile used for the roofline, or null when none matched
 * @param roofline the points with known work placed on that profile (empty without one)
 * @param warnings what the reader should know (skipped data, no hardware profile, ...)
 * @param spec when {@code hardware} was measured, the data-sheet profile of the same hardware, whose fractions
 *     the roofline points carry beside the measured ones; null otherwise
 * @param repairs the in-memory repairs of the run's files made while reading it ({@link Dataset#repairs()}), one
 *     sentence each; empty when its files were whole
 * @param capacity per generate series over batch and SLO set, the largest batch meeting every objective
 *     ({@link dev.scalebench.analysis.capacity.CapacityFinder}); empty without generate points or SLOs
 * @param shifts per prefill or decode series over batch or seq on the roofline, where its bound shifts (or that it
 *     does not) and its fitted roofline knee ({@link dev.scalebench.analysis.roofline.ShiftFinder}); empty without
 *     a roofline
 */
public record Analysis(int schema, String source, String device, TrialMetric metric, FitOptions options,
        List<PointStats> points, List<SeriesFit> fits, HardwareProfile hardware, List<RooflinePoint> roofline,
        List<String> warnings, HardwareProfile spec, List<String> repairs, List<Capacity> capacity,
        List<BottleneckShift> shifts) {

    /** The current {@code fits.json} schema version. */
    public static final int SCHEMA = 2;

    public Analysis {
        points = List.copyOf(points);
        fits = List.copyOf(fits);
        roofline = List.copyOf(roofline);
        warnings = List.copyOf(warnings);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        capacity = capacity == null ? List.of() : List.copyOf(capacity);
        shifts = shifts == null ? List.of() : List.copyOf(shifts);
    }

    /** An analysis without bottleneck shifts (no roofline). */
    public Analysis(int schema, String source, String device, TrialMetric metric, FitOptions options,
            List<PointStats> points, List<SeriesFit> fits, HardwareProfile hardware, List<RooflinePoint> roofline,
            List<String> warnings, HardwareProfile spec, List<String> repairs, List<Capacity> capacity) {
        this(schema, source, device, metric, options, points, fits, hardware, roofline, warnings, spec, repairs,
                capacity, List.of());
    }

    /** An analysis without capacity answers (no generate points). */
    public Analysis(int schema, String source, String device, TrialMetric metric, FitOptions options,
            List<PointStats> points, List<SeriesFit> fits, HardwareProfile hardware, List<RooflinePoint> roofline,
            List<String> warnings, HardwareProfile spec, List<String> repairs) {
        this(schema, source, device, metric, options, points, fits, hardware, roofline, warnings, spec, repairs,
                List.of());
    }

    /** An analysis of data that needed no repair. */
    public Analysis(int schema, String source, String device, TrialMetric metric, FitOptions options,
            List<PointStats> points, List<SeriesFit> fits, HardwareProfile hardware, List<RooflinePoint> roofline,
            List<String> warnings, HardwareProfile spec) {
        this(schema, source, device, metric, options, points, fits, hardware, roofline, warnings, spec, List.of(),
                List.of());
    }

    /** An analysis on one profile, without a data sheet beside it. */
    public Analysis(int schema, String source, String device, TrialMetric metric, FitOptions options,
            List<PointStats> points, List<SeriesFit> fits, HardwareProfile hardware, List<RooflinePoint> roofline,
            List<String> warnings) {
        this(schema, source, device, metric, options, points, fits, hardware, roofline, warnings, null, List.of(),
                List.of());
    }
}
