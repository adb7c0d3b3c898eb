/**
 * Gating deployments: did a candidate run regress against a baseline by more than a policy's margins, with a
 * controlled false-alarm rate? {@link dev.scalebench.analysis.gate.Gate} decides point by point from per-trial
 * values (ratio of medians, bootstrap over trials, Holm over blocking points, Benjamini–Hochberg for warnings);
 * {@link dev.scalebench.analysis.gate.GatePolicies} reads policies from {@code profiles/gates/};
 * {@link dev.scalebench.analysis.gate.AaCalibration} measures a policy's real false-alarm rate from runs of one
 * build. docs/gate.md explains the method and its measured error rates.
 */
package dev.scalebench.analysis.gate;
