package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.JCudaDriver;

/** A kernel in a loaded {@link KernelModule}, with its resource use as the driver reports it. */
public final class CudaFunction {

    private final KernelModule module;
    private final String name;
    private final CUfunction handle;

    CudaFunction(KernelModule module, String name, CUfunction handle) {
        this.module = module;
        this.name = name;
        this.handle = handle;
    }

    /** The kernel's name in the module. */
    public String name() {
        return name;
    }

    /** Registers per thread. */
    public int registers() {
        return attribute(CUfunction_attribute.CU_FUNC_ATTRIBUTE_NUM_REGS);
    }

    /** Local memory per thread, bytes (register spills and stack). */
    public int localBytes() {
        return attribute(CUfunction_attribute.CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES);
    }

    /** Static shared memory per block, bytes. */
    public int staticSharedBytes() {
        return attribute(CUfunction_attribute.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES);
    }

    /** The largest block this kernel can be launched with, given its register use. */
    public int maxThreadsPerBlock() {
        return attribute(CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
    }

    /** Lets launches use up to {@code bytes} of dynamic shared memory (needed above 48 KiB). */
    public void setMaxDynamicSharedBytes(int bytes) {
        module.ensureOpen();
        check(JCudaDriver.cuFuncSetAttribute(handle, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                bytes), "cuFuncSetAttribute(" + name + ", max dynamic shared " + bytes + " bytes)");
    }

    /**
     * Queues the kernel on {@code stream} and returns at once.
     *
     * @param args in the kernel's parameter order: {@link CUdeviceptr} or {@link DeviceBuffer} (its first byte) for
     *     pointers, {@code null} for a null pointer, and {@link Integer}, {@link Long}, {@link Float} for scalars,
     *     which must match the parameter's C type ({@code int}, {@code long long}, {@code float})
     */
    public void launch(Dim3 grid, Dim3 block, int dynamicSharedBytes, CudaStream stream, Object... args) {
        module.ensureOpen();
        NativePointerObject[] params = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = parameter(args[i], i);
        }
        check(JCudaDriver.cuLaunchKernel(handle, grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(),
                dynamicSharedBytes, stream.handle(), Pointer.to(params), null), "cuLaunchKernel(" + name + ")");
    }

    private Pointer parameter(Object a, int i) {
        if (a == null) {
            return Pointer.to(new long[] {0L});
        } else if (a instanceof CUdeviceptr p) {
            return Pointer.to(p);
        } else if (a instanceof DeviceBuffer b) {
            return Pointer.to(b.pointer());
        } else if (a instanceof Integer v) {
            return Pointer.to(new int[] {v});
        } else if (a instanceof Long v) {
            return Pointer.to(new long[] {v});
        } else if (a instanceof Float v) {
            return Pointer.to(new float[] {v});
        }
        throw new IllegalArgumentException("argument " + i + " of " + name + " is a " + a.getClass().getName()
                + "; expected CUdeviceptr, DeviceBuffer, Integer, Long or Float");
    }

    private int attribute(int attribute) {
        module.ensureOpen();
        int[] v = {0};
        check(JCudaDriver.cuFuncGetAttribute(v, attribute, handle), "cuFuncGetAttribute(" + name + ")");
        return v[0];
    }
}
