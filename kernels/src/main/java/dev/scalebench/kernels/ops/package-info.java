/**
 * Typed launches of scalebench's CUDA kernels: {@link dev.scalebench.kernels.ops.Kernels} holds every kernel's launch
 * configuration, validates shapes and alignment before launching, and launches asynchronously on a stream;
 * {@link dev.scalebench.kernels.ops.Probes} launches the ceiling probes and counts the FLOPs and bytes each moves.
 * {@link dev.scalebench.kernels.ops.HalfFloats} converts to and from the 16-bit element types. The ABI is in
 * {@code docs/kernels.md}.
 */
package dev.scalebench.kernels.ops;
