package dev.scalebench.analysis.trend;

import java.time.Instant;

/**
 * One run's value in a series.
 *
 * @param runId the run
 * @param started when it started
 * @param value the median over the run's OK trials of the metric (ns, or tokens/s)
 * @param trials how many trials the median is of
 */
public record Observation(String runId, Instant started, double value, int trials) { }
