/**
 * Backends: the engines that prepare a {@link dev.scalebench.plan.SweepPoint point} as a
 * {@link dev.scalebench.backend.Session} whose {@code step()} runs one prefill pass or decode step and returns
 * only once the device has finished. Providers are found with {@link java.util.ServiceLoader}. Only
 * {@code backend.*} packages may import engine libraries ({@code ai.djl}, {@code jcuda}).
 */
package dev.scalebench.backend;
