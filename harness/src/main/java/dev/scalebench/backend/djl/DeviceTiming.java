package dev.scalebench.backend.djl;

import dev.scalebench.backend.cuda.CudaFacade;
import dev.scalebench.backend.cuda.CudaFacade.Availability;
import dev.scalebench.backend.cuda.CudaFacade.CudaContext;
import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import dev.scalebench.backend.cuda.CudaFacade.GpuInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Device time of DJL's work on a GPU: CUDA events recorded, through scalebench's kernels module, on the legacy
 * default stream of the device's primary context. That is the context the CUDA runtime, and so PyTorch, uses, and
 * PyTorch queues its kernels on the default stream, so an event recorded before a forward and one after it
 * bracket exactly the forward's kernels.
 *
 * <p>When CUDA cannot be used through JCuda (no driver library where JCuda looks, or the context does not open)
 * while DJL sees a GPU, timing is off: steps report no device time, a warning says why once per process, and the
 * fingerprint's {@code device.timing} says so.
 */
final class DeviceTiming implements AutoCloseable {

    /** Fingerprint key saying whether and how device time is measured. */
    static final String KEY = "device.timing";
    static final String ON = "cuda-events (legacy default stream of the primary context, JCuda driver API)";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final CudaContext context;
    private final String status;

    private DeviceTiming(CudaContext context, String status) {
        this.context = context;
        this.status = status;
    }

    /** No device timing: the CPU, where every step is synchronous and host time is the device's time. */
    static DeviceTiming none() {
        return new DeviceTiming(null, null);
    }

    /** Device timing on GPU {@code index}, or off with the reason (warned once per process). */
    static DeviceTiming gpu(int index) {
        return gpu(index, CudaFacade::availability, CudaContext::open,
                m -> org.slf4j.LoggerFactory.getLogger(DeviceTiming.class).warn(m));
    }

    static DeviceTiming gpu(int index, Supplier<Availability> availability, IntFunction<CudaContext> open,
            Consumer<String> warn) {
        Availability a = availability.get();
        String why;
        if (!a.available()) {
            why = a.reason() + " (" + a.fix() + ")";
        } else {
            try {
                return new DeviceTiming(open.apply(index), ON);
            } catch (RuntimeException | LinkageError e) {
                why = "the primary context of GPU " + index + " did not open through JCuda: " + e.getMessage();
            }
        }
        if (WARNED.compareAndSet(false, true)) {
            warn.accept("device timing is off, steps are timed on the host only: CUDA is not usable through JCuda: "
                    + why);
        }
        return new DeviceTiming(null, "off: CUDA not usable through JCuda: " + why);
    }

    /** Whether steps are timed with CUDA events. */
    boolean on() {
        return context != null;
    }

    /** Device memory in use (all processes), bytes, through the driver's {@code cuMemGetInfo}; -1 when off. */
    long usedBytes() {
        if (context == null) {
            return -1;
        }
        try {
            return context.usedBytes();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** The GPU as the driver reports it, when timing is on. */
    GpuInfo gpuInfo() {
        return context == null ? null : context.device();
    }

    /**
     * A timer for one session's steps on the legacy default stream, with the context made current on this thread
     * (sessions step on the thread that opens them); null when timing is off.
     */
    EventTimer newTimer() {
        if (context == null) {
            return null;
        }
        context.makeCurrent();
        return context.newTimer();
    }

    /** {@code device.timing} and, when on, the GPU's facts ({@code gpu.*}); empty on the CPU. */
    Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        if (status != null) {
            f.put(KEY, status);
        }
        if (context != null) {
            f.putAll(context.device().fingerprint());
        }
        return f;
    }

    /** Releases the primary context (PyTorch keeps its own retain). */
    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    /** Lets a test see the one-time warning again. */
    static void resetWarning() {
        WARNED.set(false);
    }
}
