/**
 * Measurement: the trial protocol (warm-up until steady, the timed loop, the stopping rule), the injectable
 * {@link dev.scalebench.measure.Clock}, and interference monitors (collector pauses).
 *
 * <p>The timed loop reads the clock, runs one {@link dev.scalebench.backend.Session#step() step} — which returns
 * only after the device has finished — reads the clock again and records into an HdrHistogram
 * {@link org.HdrHistogram.Recorder}; it allocates nothing. See {@link dev.scalebench.measure.TrialRunner}.
 */
package dev.scalebench.measure;
