package dev.scalebench.backend.cuda;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.CudaUnavailableException;

/**
 * Opens the probe kernels for {@link Calibration}. The kernels' launch configurations and the work each launch
 * performs belong to {@code dev.scalebench.kernels.ops.Probes}; {@link #builtIn()} is where that class is bound.
 */
@FunctionalInterface
public interface CalibrationProbes {

    /**
     * Opens the probe that measures {@code target}, launching on {@code stream}.
     *
     * @param size for a bandwidth probe, the bytes of each of its {@link CalibrationTarget#buffers()} buffers
     *     (a multiple of 16); for a compute probe, the iterations of its inner loop per thread
     * @throws dev.scalebench.kernels.CudaException when the kernel does not load or memory runs out
     */
    CalibrationProbe open(CalibrationTarget target, CudaContext context, CudaStream stream, long size);

    /**
     * The probes of this build. Until {@code dev.scalebench.kernels.ops.Probes} (the typed launches of
     * {@code probes.cu}) is part of it, opening any probe throws {@link CudaUnavailableException} saying so.
     */
    static CalibrationProbes builtIn() {
        return (target, context, stream, size) -> {
            throw new CudaUnavailableException("the probe kernels are not bound in this build"
                    + " (dev.scalebench.kernels.ops.Probes is missing, so " + target.kernel() + " cannot be launched)",
                    "use a scalebench build that includes the kernels' typed launches (branch ops)");
        };
    }
}
