/**
 * Analysis of measured latencies: the {@link dev.scalebench.analysis.Dataset} read from a run or a CSV,
 * scaling-law fits with bootstrap uncertainty ({@code fit}), roofline placement against a hardware profile
 * ({@code roofline}), and the {@link dev.scalebench.analysis.pipeline.Analysis} that reports and {@code fits.json} are
 * written from.
 *
 * <p>This package holds the data the sub-packages share ({@code Dataset}, {@code PointKey}, {@code Numbers}, …) and
 * uses none of them; {@code pipeline} ({@code Analyzer}, {@code Analysis}) sits above {@code fit} and
 * {@code roofline} and joins them, so no two analysis packages depend on each other both ways
 * ({@code ArchitectureTest}). Reads only {@code results} (and lower); the only file it writes is a dataset exported as CSV
 * ({@link dev.scalebench.analysis.CsvDataset#write}).
 */
package dev.scalebench.analysis;
