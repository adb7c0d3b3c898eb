/**
 * Small, allocation-light descriptive and inferential statistics over {@code double[]} samples: mean, sample
 * standard deviation, quantiles, and Student-t confidence intervals of a mean. Used by {@code results} (the
 * summary's confidence intervals across replicates) and later by analysis. No I/O, no state.
 */
package dev.scalebench.stats;
