package dev.scalebench.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One trial of a {@link Run}: what the journal recorded and, for a trial that measured something, its statistics,
 * reduced from its histogram once ({@link TrialValues}) when the run was read. Everything downstream (summary,
 * analysis, compare, gate, history, metrics) takes the statistics from here and never reduces the histogram again.
 *
 * @param record the journal's record
 * @param stats the statistics of an OK trial with a non-empty histogram; {@code null} for a failed trial, or an OK
 *     trial whose histogram is missing or empty
 * @param histogram the trial's latency histogram (ns per step), {@code null} when {@code stats} is; read-only by
 *     convention (the pooled figures of {@code summary.csv} add histograms into a copy)
 */
public record TrialRun(TrialResult record, TrialValues stats, Histogram histogram) {

    public TrialRun {
        Objects.requireNonNull(record, "record");
    }

    /** Whether the trial measured something (OK, with a non-empty histogram). */
    public boolean measured() {
        return stats != null;
    }

    /** Whether the journal recorded the trial as failed. */
    public boolean failed() {
        return !record.ok();
    }
}
