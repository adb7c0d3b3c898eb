package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ops.KernelDType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jcuda.driver.CUdeviceptr;

/**
 * A case bound to a GPU: its buffers, filled on the device, and the launch to time. Closing frees the buffers, so
 * each case holds device memory only while it is measured.
 */
final class Bound implements AutoCloseable {
    private final Env env;
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private Runnable launch;
    private Runnable raw;
    private long seed = 0x5CA1EBE4C4L;

    private Bound(Env env) {
        this.env = env;
    }

    /**
     * Runs {@code builder} (which allocates through the new bound case and returns its launch); frees what it
     * allocated when it throws.
     */
    static Bound of(Env env, Function<Bound, Runnable> builder) {
        Bound b = new Bound(env);
        try {
            b.launch = builder.apply(b);
            return b;
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    Env env() {
        return env;
    }

    /** Queues one launch of the case. */
    void launch() {
        launch.run();
    }

    /**
     * The same launch straight through {@link dev.scalebench.kernels.CudaFunction#launch} (JCuda and
     * {@code cuLaunchKernel}, no argument checks), where the case has one; {@code null} otherwise.
     */
    Runnable raw() {
        return raw;
    }

    void raw(Runnable r) {
        raw = r;
    }

    /** {@code bytes} of uninitialised device memory. */
    CUdeviceptr alloc(long bytes) {
        DeviceBuffer b = env.context().allocate(bytes);
        buffers.add(b);
        return b.pointer();
    }

    /** {@code n} elements of {@code t}, uninitialised (outputs). */
    CUdeviceptr empty(KernelDType t, long n) {
        return alloc(t.bytes(n));
    }

    /** {@code n} standard-normal elements of {@code t}, each buffer from its own seed. */
    CUdeviceptr normal(KernelDType t, long n) {
        CUdeviceptr p = empty(t, n);
        env.kernels().fillNormal(env.stream(), t, p, n, seed++, 1f);
        return p;
    }

    /** {@code n} elements of {@code t} equal to {@code v}. */
    CUdeviceptr constant(KernelDType t, long n, float v) {
        CUdeviceptr p = empty(t, n);
        env.kernels().fillConst(env.stream(), t, p, n, v);
        return p;
    }

    @Override
    public void close() {
        for (DeviceBuffer b : buffers) {
            b.close();
        }
        buffers.clear();
    }
}
