/**
 * scalebench's CUDA layer, on JCuda's driver API (which needs only the driver's {@code libcuda.so.1}).
 *
 * <p>{@link dev.scalebench.kernels.Cuda} says whether CUDA is usable here and which GPUs there are;
 * {@link dev.scalebench.kernels.CudaContext} is a device's primary context (shared with the CUDA runtime, so with
 * PyTorch), with accounted {@link dev.scalebench.kernels.DeviceBuffer}s, streams and
 * {@link dev.scalebench.kernels.EventTimer}s; {@link dev.scalebench.kernels.KernelModule} loads one of the kernels
 * built from {@code src/main/cuda} (cubin, else PTX, else NVRTC). {@link dev.scalebench.kernels.CudaProbe} looks for
 * the toolchain without loading anything. docs/kernels.md describes the kernels and their build.
 */
package dev.scalebench.kernels;
