/**
 * Comparing runs side by side ({@code scalebench compare}): the first run is the baseline, every other run is
 * compared with it point by point. Per matching point and metric, the ratio of the medians of the per-trial values
 * with a bootstrap interval over trials ({@link dev.scalebench.stats.RatioBootstrap}); the fitted parameters of
 * each run side by side; cost per million tokens where a hardware profile has a price; and each run's fraction of
 * its own roofline. Pure: the CLI reads the runs, their {@code fits.json} and the hardware profiles, and passes
 * them in as {@link dev.scalebench.analysis.compare.CompareRun}s.
 */
package dev.scalebench.analysis.compare;
