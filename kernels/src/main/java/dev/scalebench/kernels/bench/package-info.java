/**
 * Kernel benchmarks for side-by-side comparison with PyTorch: {@link dev.scalebench.kernels.bench.KernelBench} times
 * every kernel family at the shapes of issue 5's targets with CUDA events and prints JSON lines;
 * {@code tools/gpu/torch_ops.py} times the equivalent PyTorch ops the same way, and
 * {@code tools/gpu/compare-kernels.sh} joins both into a Markdown table against the targets (docs/kernels.md,
 * "Benchmarking against PyTorch"). FLOP and byte counts per launch are in {@link dev.scalebench.kernels.bench.Costs}.
 */
package dev.scalebench.kernels.bench;
