/**
 * Budget-constrained experimental design: which levels of each fitted axis, and how many replicates, a budget
 * keeps so that the fitted laws are best determined.
 *
 * <p>{@link dev.scalebench.plan.design.DesignSeries} groups points into the series the analysis fits (along batch
 * and along seq) and picks the form each is designed for ({@link dev.scalebench.plan.design.DesignForm}), fitted to
 * the cost model's step times; {@link dev.scalebench.plan.design.OptimalDesign} trims greedily by the loss of
 * {@code log det} of the series' Fisher information per second saved; {@link dev.scalebench.plan.design.Precision}
 * predicts each parameter's relative 95 % half-width. Depends on nothing else in scalebench: the caller
 * ({@code plan.Budget}) describes its points as {@link dev.scalebench.plan.design.DesignPoint}s.
 */
package dev.scalebench.plan.design;
