/**
 * Java reference implementations of every kernel family, with exactly the ABI semantics of {@code docs/kernels.md}
 * (strided layouts, grouped-query attention, the causal offset rule, decode over a cache, the fused residual),
 * computed in double from inputs already rounded to the kernel's type and rounded once to that type on output, as
 * the kernels do. Each returns an {@link dev.scalebench.kernels.ref.Expected}: the values and, per element, the
 * magnitude the error bounds of {@link dev.scalebench.kernels.ref.Tolerances} scale with.
 */
package dev.scalebench.kernels.ref;
