/**
 * The {@code sim} backend: a simulated device that busy-waits for a roofline-predicted step time, so the harness
 * can be exercised end to end without an inference engine.
 */
package dev.scalebench.backend.sim;
