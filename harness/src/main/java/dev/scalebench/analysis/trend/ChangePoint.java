package dev.scalebench.analysis.trend;

import java.time.Instant;

/**
 * A change point of a series, as reported.
 *
 * @param index the first run of the new level (0-based position in the series)
 * @param runId that run
 * @param started when it started
 * @param p the t-test's two-sided p-value between the neighbouring segments
 * @param adjustedP {@code p} adjusted by Benjamini–Hochberg across all series
 * @param meanBefore mean of the segment before
 * @param meanAfter mean of the segment after
 * @param relativeChange {@code meanAfter / meanBefore - 1}
 * @param direction regression or improvement, by the metric's direction
 */
public record ChangePoint(int index, String runId, Instant started, double p, double adjustedP, double meanBefore,
        double meanAfter, double relativeChange, Direction direction) { }
