/**
 * The analysis of one dataset, end to end: {@link dev.scalebench.analysis.pipeline.Analyzer} summarizes each point,
 * fits each series ({@code analysis.fit}) and places the points on a roofline ({@code analysis.roofline});
 * {@link dev.scalebench.analysis.pipeline.Analysis} is its result, what reports and {@code fits.json} are written
 * from. It sits above {@code fit} and {@code roofline}, which use only the shared data types of
 * {@code dev.scalebench.analysis}, so the analysis packages form no cycle ({@code ArchitectureTest}).
 */
package dev.scalebench.analysis.pipeline;
