package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/** A CUDA stream; the {@linkplain CudaContext#defaultStream() legacy default stream} is never destroyed. */
public final class CudaStream implements AutoCloseable {

    private final CudaContext context;
    private final CUstream handle;
    private final boolean owned;
    private boolean closed;

    private CudaStream(CudaContext context, CUstream handle, boolean owned) {
        this.context = context;
        this.handle = handle;
        this.owned = owned;
    }

    static CudaStream legacyDefault(CudaContext context) {
        return new CudaStream(context, null, false);
    }

    static CudaStream create(CudaContext context) {
        CUstream s = new CUstream();
        check(JCudaDriver.cuStreamCreate(s, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        return new CudaStream(context, s, true);
    }

    /** The driver handle; {@code null} is the legacy default stream. */
    public CUstream handle() {
        return handle;
    }

    /** Waits until the device has finished the work queued on this stream. */
    public void synchronize() {
        context.ensureOpen();
        check(JCudaDriver.cuStreamSynchronize(handle), "cuStreamSynchronize");
    }

    CudaContext context() {
        return context;
    }

    @Override
    public void close() {
        if (owned && !closed) {
            closed = true;
            JCudaDriver.cuStreamDestroy(handle);
        }
    }
}
