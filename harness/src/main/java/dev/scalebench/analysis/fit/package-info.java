/**
 * Scaling-law fits of step latency: the candidate forms, a robust (Huber) fitter with closed-form linear
 * coefficients and grid + Levenberg–Marquardt for the nonlinear ones, a cluster bootstrap over replicates for
 * every parameter and derived quantity, AICc model selection with Akaike weights, leave-the-largest-levels-out
 * validation, and each fit stated in words. Fitters are immutable and deterministic for a given seed.
 */
package dev.scalebench.analysis.fit;
