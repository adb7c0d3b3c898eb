/**
 * Hand-made SVG charts for self-contained HTML reports: linear and logarithmic axes with nice ticks, lines,
 * markers with error bars, filled bands, a legend and titles. The output is plain inline SVG text (no script, no
 * external reference, no namespace URL) and the same on every machine: coordinates and labels are formatted with
 * {@link java.util.Locale#ROOT}.
 */
package dev.scalebench.report.svg;
