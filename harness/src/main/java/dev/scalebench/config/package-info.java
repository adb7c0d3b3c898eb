/**
 * Sweep specifications: the records a sweep is made of, their loading from YAML and their validation.
 *
 * <p>{@link dev.scalebench.config.SpecLoader} reads a sweep file with line numbers kept, applies
 * {@link dev.scalebench.config.Defaults}, resolves model presets through
 * {@link dev.scalebench.config.ModelCatalog}, and reports every problem at once as a
 * {@link dev.scalebench.config.SpecException} of {@link dev.scalebench.config.SpecError}s ({@code file:line:
 * message}) within the ranges of {@link dev.scalebench.config.Limits}. {@link dev.scalebench.config.SpecJson}
 * stores a resolved spec in a run's manifest and rebuilds it on resume.
 */
package dev.scalebench.config;
