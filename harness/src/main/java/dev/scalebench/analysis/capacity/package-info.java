/**
 * The capacity answer of generate series: given service-level objectives ({@link
 * dev.scalebench.analysis.capacity.SloSet}, presets {@link dev.scalebench.analysis.capacity.SloPreset}), the largest
 * measured-range batch meeting them, with a bootstrap interval and the output tokens per second there ({@link
 * dev.scalebench.analysis.capacity.CapacityFinder}). Uses only the shared data types of
 * {@code dev.scalebench.analysis} and the fit options; {@code analysis.pipeline} calls it.
 */
package dev.scalebench.analysis.capacity;
