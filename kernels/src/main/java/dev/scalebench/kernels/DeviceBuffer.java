package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Device memory allocated through a {@link CudaContext}, freed by {@link #close()} (or when the context closes).
 * Copies are synchronous and checked against the buffer's size.
 */
public final class DeviceBuffer implements AutoCloseable {

    private final CudaContext context;
    private final CUdeviceptr pointer;
    private final long bytes;
    private boolean freed;

    DeviceBuffer(CudaContext context, CUdeviceptr pointer, long bytes) {
        this.context = context;
        this.pointer = pointer;
        this.bytes = bytes;
    }

    /** Size in bytes. */
    public long bytes() {
        return bytes;
    }

    /** The device address of the first byte. */
    public CUdeviceptr pointer() {
        ensureLive();
        return pointer;
    }

    /** The device address {@code byteOffset} bytes in. */
    public CUdeviceptr pointer(long byteOffset) {
        ensureLive();
        if (byteOffset < 0 || byteOffset >= bytes) {
            throw new IndexOutOfBoundsException("offset " + byteOffset + " outside a buffer of " + bytes + " bytes");
        }
        return pointer.withByteOffset(byteOffset);
    }

    public void copyFrom(float[] host) {
        copyIn(Pointer.to(host), (long) host.length * Sizeof.FLOAT);
    }

    public void copyFrom(short[] host) {
        copyIn(Pointer.to(host), (long) host.length * Sizeof.SHORT);
    }

    public void copyFrom(int[] host) {
        copyIn(Pointer.to(host), (long) host.length * Sizeof.INT);
    }

    public void copyFrom(byte[] host) {
        copyIn(Pointer.to(host), host.length);
    }

    public void copyTo(float[] host) {
        copyOut(Pointer.to(host), (long) host.length * Sizeof.FLOAT);
    }

    public void copyTo(short[] host) {
        copyOut(Pointer.to(host), (long) host.length * Sizeof.SHORT);
    }

    public void copyTo(int[] host) {
        copyOut(Pointer.to(host), (long) host.length * Sizeof.INT);
    }

    public void copyTo(byte[] host) {
        copyOut(Pointer.to(host), host.length);
    }

    /** Sets every byte to zero. */
    public void zero() {
        ensureLive();
        check(JCudaDriver.cuMemsetD8(pointer, (byte) 0, bytes), "cuMemsetD8(" + bytes + " bytes)");
    }

    private void copyIn(Pointer host, long n) {
        ensureLive();
        fits(n);
        check(JCudaDriver.cuMemcpyHtoD(pointer, host, n), "cuMemcpyHtoD(" + n + " bytes)");
    }

    private void copyOut(Pointer host, long n) {
        ensureLive();
        fits(n);
        check(JCudaDriver.cuMemcpyDtoH(host, pointer, n), "cuMemcpyDtoH(" + n + " bytes)");
    }

    private void fits(long n) {
        if (n > bytes) {
            throw new IllegalArgumentException("copy of " + n + " bytes does not fit a buffer of " + bytes + " bytes");
        }
    }

    private void ensureLive() {
        if (freed) {
            throw new IllegalStateException("device buffer of " + bytes + " bytes was freed");
        }
        context.ensureOpen();
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            context.freed(this);
            JCudaDriver.cuMemFree(pointer);
        }
    }
}
