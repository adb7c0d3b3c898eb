/**
 * Analysis of measured latencies: the {@link dev.scalebench.analysis.Dataset} read from a run or a CSV,
 * scaling-law fits with bootstrap uncertainty ({@code fit}), roofline placement against a hardware profile
 * ({@code roofline}), and the {@link dev.scalebench.analysis.Analysis} that reports and {@code fits.json} are
 * written from. Reads only {@code results} (and lower); the only file it writes is a dataset exported as CSV
 * ({@link dev.scalebench.analysis.CsvDataset#write}).
 */
package dev.scalebench.analysis;
