package dev.scalebench.backend.cuda;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;

/**
 * Opens the probe kernels for {@link Calibration}. The kernels' launch configurations and the work each launch
 * performs belong to {@code dev.scalebench.kernels.ops.Probes}, which {@link #builtIn()} binds.
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

    /** The probes of this build: {@code dev.scalebench.kernels.ops.Probes}. */
    static CalibrationProbes builtIn() {
        return new ProbesCalibration();
    }
}
