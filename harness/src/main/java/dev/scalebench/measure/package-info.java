/**
 * Measurement: the trial protocol (warm-up until steady, the timed loop, the stopping rule), the injectable
 * {@link dev.scalebench.measure.Clock}, and interference monitors (collector pauses).
 *
 * <p>The timed loop reads the clock, runs one {@link dev.scalebench.backend.Session#step() step} — which returns
 * only after the device has finished — reads the clock again and records into the trial's HdrHistogram
 * {@link org.HdrHistogram.Histogram}; it allocates nothing. The histogram has a single writer, the thread that runs
 * the trial, which is also its only reader (the stopping rule's check, between iterations), so recording is a
 * plain, unsynchronised increment: the loop adds a few nanoseconds per iteration to the two clock reads that any
 * per-step timing needs. See {@link dev.scalebench.measure.TrialRunner} for the loop and what it costs.
 */
package dev.scalebench.measure;
