/**
 * Trends over run history: change-point detection per series (point × metric × environment) with E-divisive
 * means and a Student t-test on candidates (Apache Otava's method), Benjamini–Hochberg across series. Pure: it
 * works on {@link dev.scalebench.results.RunMetrics} and reads no file or database itself.
 */
package dev.scalebench.analysis.trend;
