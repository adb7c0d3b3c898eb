/**
 * A run's results on disk and the values derived from them (results/README.md; the run model: docs/architecture.md,
 * "The run model").
 *
 * <p>A run lives in {@code results/<run-id>/} ({@link dev.scalebench.results.RunIds}): {@code run.json}
 * ({@link dev.scalebench.results.RunManifest}, written atomically), {@code trials.jsonl} (the journal, one
 * {@link dev.scalebench.results.TrialResult} per line, appended and forced per trial: the source of truth) and
 * {@code histograms.hlog} (one HdrHistogram interval histogram per OK trial, tagged with the trial id,
 * {@link dev.scalebench.results.HlogFormat}). {@link dev.scalebench.results.RunStore} writes and resumes a run,
 * repairing what a kill leaves behind; {@link dev.scalebench.results.RunReader} reads one;
 * {@link dev.scalebench.results.Summary} and {@link dev.scalebench.results.SummaryWriter} derive
 * {@code summary.csv}, which can always be regenerated; {@link dev.scalebench.results.Fingerprint} describes the
 * machine. {@link dev.scalebench.results.ShardMerge} and {@link dev.scalebench.results.MergedRunWriter} combine
 * the runs of a sweep's shards into one. The format is documented in {@code results/README.md}.
 */
package dev.scalebench.results;
