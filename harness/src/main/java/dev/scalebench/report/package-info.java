/**
 * Reports of an {@link dev.scalebench.analysis.pipeline.Analysis}: {@code fits.json} ({@link dev.scalebench.report.FitsJson},
 * machine-readable, round-trips), {@code report.md} ({@link dev.scalebench.report.MarkdownReport}, for a pull-request
 * comment) and {@code report.html} ({@link dev.scalebench.report.HtmlReport}, self-contained, with inline SVG charts
 * from {@code report.svg}). {@link dev.scalebench.report.ReportWriter} writes all three atomically. A gate's result
 * ({@link dev.scalebench.analysis.gate.GateResult}) is written by {@link dev.scalebench.report.GateReports}:
 * {@code gate.json} ({@link dev.scalebench.report.GateJson}), {@code gate.md}
 * ({@link dev.scalebench.report.GateMarkdown}), {@code gate-junit.xml} ({@link dev.scalebench.report.JunitXml},
 * for CI servers) and {@code gate.html} ({@link dev.scalebench.report.GateHtml}, self-contained, with the interval
 * plot of {@link dev.scalebench.report.GateChart}). A comparison of runs ({@link dev.scalebench.analysis.compare.Comparison}) has its own pair,
 * {@code compare.md} and {@code compare.html} ({@link dev.scalebench.report.CompareWriter}). Output is the same on
 * every machine and in every locale.
 */
package dev.scalebench.report;
