package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.kernels.ops.Probes;

/**
 * What a case binds its launches to: the context, the loaded kernels and probes, and the stream everything is
 * queued and timed on.
 */
record Env(CudaContext context, Kernels kernels, Probes probes, CudaStream stream) {
}
