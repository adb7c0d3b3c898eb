package dev.scalebench.analysis;

import java.util.List;
import java.util.Map;

/**
 * Everything the analysis reads: the trials of a run (or rows of an imported CSV) as samples, the work per point
 * where known, and where the data came from.
 *
 * @param source where the data came from (a run folder or a CSV file), for reports
 * @param device the device the data was measured on, in words (e.g. {@code NVIDIA H100 80GB HBM3},
 *     {@code cpu: AMD EPYC}); {@code ""} when unknown. Hardware profiles are matched against it.
 * @param samples every OK trial, one sample each
 * @param work per-step work by point id ({@link PointKey#id()}); points without an entry are unknown
 * @param warnings what was skipped while reading, one sentence each
 * @param repairs the damage of a run's files (a crash's leftovers) that reading repaired in memory, leaving the
 *     files as they are ({@link dev.scalebench.results.RunReader#warnings()}), one sentence each; reports list
 *     them apart from the warnings, as "Repairs made while reading"
 */
public record Dataset(String source, String device, List<Sample> samples, Map<String, PointWork> work,
        List<String> warnings, List<String> repairs) {

    public Dataset {
        samples = List.copyOf(samples);
        work = Map.copyOf(work);
        warnings = List.copyOf(warnings);
        repairs = List.copyOf(repairs);
    }

    /** A dataset that needed no repair (e.g. imported from a CSV file). */
    public Dataset(String source, String device, List<Sample> samples, Map<String, PointWork> work,
            List<String> warnings) {
        this(source, device, samples, work, warnings, List.of());
    }

    /** The work of a point, {@link PointWork#UNKNOWN} when not known. */
    public PointWork work(PointKey point) {
        return work.getOrDefault(point.id(), PointWork.UNKNOWN);
    }
}
