package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * The device's primary context, retained for scalebench's use and current on the thread that opened it. It is the
 * same context the CUDA runtime (and so PyTorch) uses on that device, which is what lets scalebench record events
 * around DJL's work. Closing it frees every buffer still allocated through it and releases the retain; the context
 * itself lives on while others hold it.
 *
 * <p>Not thread-safe. Use it from the thread that opened it, or call {@link #makeCurrent()} first.
 */
public final class CudaContext implements AutoCloseable {

    private final GpuInfo device;
    private final CUdevice handle;
    private final CUcontext context = new CUcontext();
    private final Set<DeviceBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final CudaStream defaultStream;
    private long liveBytes;
    private long peakBytes;
    private boolean closed;

    private CudaContext(GpuInfo device) {
        this.device = device;
        this.handle = Cuda.handle(device.index());
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, handle), "cuDevicePrimaryCtxRetain(" + device.index() + ")");
        try {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        } catch (CudaException e) {
            JCudaDriver.cuDevicePrimaryCtxRelease(handle);
            throw e;
        }
        this.defaultStream = CudaStream.legacyDefault(this);
    }

    /**
     * Retains GPU {@code index}'s primary context and makes it current on this thread.
     *
     * @throws CudaUnavailableException when CUDA is not usable here
     */
    public static CudaContext open(int index) {
        return new CudaContext(Cuda.device(index));
    }

    /** The GPU. */
    public GpuInfo device() {
        return device;
    }

    /** Makes this context current on the calling thread. */
    public void makeCurrent() {
        ensureOpen();
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Waits until the device has finished all work queued in this context, on every stream. */
    public void synchronize() {
        ensureOpen();
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Free and total device memory as the driver reports it (all processes, all contexts). */
    public DeviceMemory deviceMemory() {
        ensureOpen();
        long[] free = {0};
        long[] total = {0};
        check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new DeviceMemory(free[0], total[0]);
    }

    /**
     * Free and total memory of the device.
     *
     * @param freeBytes free now
     * @param totalBytes total
     */
    public record DeviceMemory(long freeBytes, long totalBytes) {
    }

    /**
     * Allocates device memory (contents undefined).
     *
     * @throws CudaException {@linkplain CudaException#isOutOfMemory() out of memory} or another driver error
     */
    public DeviceBuffer allocate(long bytes) {
        ensureOpen();
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer size must be > 0 bytes, got " + bytes);
        }
        CUdeviceptr p = new CUdeviceptr();
        check(JCudaDriver.cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + " bytes)");
        DeviceBuffer b = new DeviceBuffer(this, p, bytes);
        live.add(b);
        liveBytes += bytes;
        peakBytes = Math.max(peakBytes, liveBytes);
        return b;
    }

    void freed(DeviceBuffer b) {
        if (live.remove(b)) {
            liveBytes -= b.bytes();
        }
    }

    /** Memory allocated through this context. */
    public MemoryAccount memory() {
        return new MemoryAccount(liveBytes, peakBytes, live.size());
    }

    /** Starts the peak of {@link #memory()} again from what is live now. */
    public void resetPeak() {
        peakBytes = liveBytes;
    }

    /**
     * The legacy default stream ({@code 0}): it orders with every other blocking stream of the context, including
     * PyTorch's default stream, so events recorded on it bracket work that others queued.
     */
    public CudaStream defaultStream() {
        return defaultStream;
    }

    /** A new stream (blocking with respect to the default stream). */
    public CudaStream newStream() {
        ensureOpen();
        return CudaStream.create(this);
    }

    /** A device timer on {@code stream}. */
    public EventTimer newTimer(CudaStream stream) {
        ensureOpen();
        return new EventTimer(stream);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CUDA context of GPU " + device.index() + " is closed");
        }
    }

    /** Frees every buffer still allocated through this context and releases the primary context. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<DeviceBuffer> leaked = new ArrayList<>(live);
        for (DeviceBuffer b : leaked) {
            b.close();
        }
        closed = true;
        JCudaDriver.cuDevicePrimaryCtxRelease(handle);
    }
}
