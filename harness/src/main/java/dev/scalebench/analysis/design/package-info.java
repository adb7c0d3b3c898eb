/**
 * Designing the next run from a pilot: how many replicates per point the gate needs to tell a change of its margin,
 * how many each fitted series needs for its parameters' intervals, and how many iterations per trial a p99 needs
 * (docs/analysis.md, "Sample size from a pilot"). {@link dev.scalebench.analysis.design.PilotDesign} reads a pilot
 * run's trial-to-trial spread ({@link dev.scalebench.analysis.design.PointSpread}) and answers the gate's and the
 * tail's questions ({@link dev.scalebench.analysis.design.GateSampleSize} holds the gate's method,
 * {@link dev.scalebench.analysis.design.FitPrecision} the fits', by simulation from the pilot's fit);
 * {@link dev.scalebench.analysis.design.ReplicatesEdit} writes the answer into a sweep file.
 */
package dev.scalebench.analysis.design;
