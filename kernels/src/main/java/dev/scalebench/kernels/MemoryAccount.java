package dev.scalebench.kernels;

/**
 * Device memory that scalebench allocated through one context (not the engine's, not the driver's own).
 *
 * @param liveBytes allocated now
 * @param peakBytes the most allocated at once since the context opened (or since {@link CudaContext#resetPeak()})
 * @param liveBuffers buffers allocated and not yet freed
 */
public record MemoryAccount(long liveBytes, long peakBytes, int liveBuffers) {
}
