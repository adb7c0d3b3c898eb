/**
 * The sweep job: plan, run every trial on a backend with the measurement protocol, journal each trial, write the
 * summary; and resume after a crash. The CLI's {@code sweep} command is a thin layer over
 * {@link dev.scalebench.sweep.SweepService}.
 */
package dev.scalebench.sweep;
