package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.CudaFunction;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.Dim3;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Where {@link Kernels} and {@link Probes} send a launch once its arguments are checked: the driver, or (in tests)
 * a recorder that compares launches with the compiled kernels' signatures.
 */
interface Launcher {
    /** Queues {@code kernel} on {@code stream}. */
    void launch(String kernel, Dim3 grid, Dim3 block, int sharedBytes, CudaStream stream, Object... args);

    /** Queues setting {@code count} 32-bit words at {@code p} to zero. */
    void zeroInts(CUdeviceptr p, int count, CudaStream stream);

    /** Launches through the driver, with the functions resolved at load. */
    static Launcher driver(Map<String, CudaFunction> functions) {
        return new Launcher() {
            @Override
            public void launch(String kernel, Dim3 grid, Dim3 block, int sharedBytes, CudaStream stream,
                               Object... args) {
                CudaFunction f = functions.get(kernel);
                if (f == null) {
                    throw new IllegalStateException("kernel " + kernel + " is not loaded");
                }
                f.launch(grid, block, sharedBytes, stream, args);
            }

            @Override
            public void zeroInts(CUdeviceptr p, int count, CudaStream stream) {
                int r = JCudaDriver.cuMemsetD32Async(p, 0, count, stream.handle());
                if (r != 0) {
                    throw new CudaException("cuMemsetD32Async(" + count + " words)", r);
                }
            }
        };
    }
}
