/**
 * Planning: from a validated sweep to the trials a run executes.
 *
 * <p>{@link dev.scalebench.plan.Planner} expands the design matrix into {@link dev.scalebench.plan.SweepPoint}s
 * (model, dtype, phase, batch, seq), excludes points that do not fit in device memory
 * ({@link dev.scalebench.plan.MemoryModel}), estimates each trial's time from its analytic
 * {@link dev.scalebench.plan.Work} ({@link dev.scalebench.plan.CostModel}), trims to the budget by a stated
 * rule ({@link dev.scalebench.config.Trim}: the design of {@code plan.design}, or largest first), and orders the
 * replicates as randomized blocks
 * ({@link dev.scalebench.plan.TrialOrder}). The result, a {@link dev.scalebench.plan.Plan}, lists what runs and
 * what does not, with reasons. {@link dev.scalebench.plan.Shard} splits a sweep into stable, hash-based shards.
 */
package dev.scalebench.plan;
