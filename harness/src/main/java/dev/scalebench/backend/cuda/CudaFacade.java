package dev.scalebench.backend.cuda;

import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.CudaProbe;
import dev.scalebench.kernels.CudaUnavailableException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way into CUDA for code outside {@code backend.cuda}: whether CUDA is usable, what a GPU is, CUDA events
 * on a GPU's primary context, and {@code calibrate}'s measurement. The JCuda layer ({@code jcuda} and scalebench's
 * {@code kernels} module) is used only in this package ({@code ArchitectureTest}); what this class hands out are
 * its own types, each a thin view of the {@code kernels} type of the same name, so that no other package sees a
 * JCuda or {@code kernels} type.
 *
 * <p>Nothing here loads JCuda until a method is called; {@link #availability()} is safe on a machine without a
 * driver and says why CUDA is not usable there.
 */
public final class CudaFacade {

    private CudaFacade() {
    }

    /**
     * Whether this process can use CUDA through JCuda's driver API, and if not, why and what to do (a view of
     * {@code dev.scalebench.kernels.Availability}).
     *
     * @param available the driver loaded, {@code cuInit} succeeded and at least one device is visible
     * @param reason why not (empty when available)
     * @param fix what to do (empty when available)
     * @param deviceCount visible devices ({@code 0} when unavailable)
     * @param driverVersion the driver's CUDA version as {@code 1000·major + 10·minor}, {@code 0} when unknown
     */
    public record Availability(boolean available, String reason, String fix, int deviceCount, int driverVersion) {
    }

    /** Whether CUDA is usable here; never throws. */
    public static Availability availability() {
        dev.scalebench.kernels.Availability a = Cuda.availability();
        return new Availability(a.available(), a.reason(), a.fix(), a.deviceCount(), a.driverVersion());
    }

    /**
     * The marketing name of GPU {@code index} as {@code nvidia-smi} reports it (e.g. {@code NVIDIA H100 80GB HBM3});
     * empty when there is no such tool or GPU. Hardware profiles are matched against it.
     */
    public static Optional<String> gpuName(int index) {
        return CudaProbe.gpuName(index);
    }

    /** The GPU a calibration measured. */
    public static GpuInfo gpu(CalibrationResult result) {
        return new GpuInfo(result.gpu());
    }

    /**
     * Measures every {@link CalibrationTarget} on GPU {@code index} ({@link Calibration#run}).
     *
     * @param progress receives one line per probe as it starts
     * @throws UnavailableException when CUDA or the probe kernels are not usable here
     * @throws IllegalStateException when a driver call fails (the driver's message), or the buffers do not fit
     */
    public static CalibrationResult calibrate(int index, CalibrationProbes probes, CalibrationSettings settings,
            Clock clock, Consumer<String> progress) {
        try {
            return Calibration.run(index, probes, settings, clock, progress);
        } catch (CudaUnavailableException e) {
            throw new UnavailableException(e.reason(), e.fix(), e);
        } catch (CudaException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** CUDA, or the part of it a task needs, is not usable here: why, and what to do. */
    public static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final String fix;

        UnavailableException(String reason, String fix, Throwable cause) {
            super(reason, cause);
            this.reason = reason;
            this.fix = fix;
        }

        /** Why CUDA is not usable. */
        public String reason() {
            return reason;
        }

        /** What to do about it. */
        public String fix() {
            return fix;
        }
    }

    /** What the driver reports about one GPU (a view of {@code dev.scalebench.kernels.GpuInfo}). */
    public static final class GpuInfo {
        private final dev.scalebench.kernels.GpuInfo info;

        GpuInfo(dev.scalebench.kernels.GpuInfo info) {
            this.info = Objects.requireNonNull(info, "info");
        }

        /** A view of {@code info}; for tests, which build GPUs by hand. */
        public static GpuInfo of(dev.scalebench.kernels.GpuInfo info) {
            return new GpuInfo(info);
        }

        /** Device ordinal. */
        public int index() {
            return info.index();
        }

        /** The driver's name for it, e.g. {@code NVIDIA H100 80GB HBM3}. */
        public String name() {
            return info.name();
        }

        /** The GPU's UUID ({@code GPU-…} as nvidia-smi prints it), empty when unknown. */
        public String uuid() {
            return info.uuid();
        }

        /** The architecture name nvcc uses, e.g. {@code sm_90}. */
        public String arch() {
            return info.arch();
        }

        /** Streaming multiprocessors. */
        public int sms() {
            return info.sms();
        }

        /** Total device memory, bytes. */
        public long memoryBytes() {
            return info.memoryBytes();
        }

        /** L2 cache, bytes; {@code -1} when the driver does not say. */
        public int l2Bytes() {
            return info.l2Bytes();
        }

        /** Facts for the environment fingerprint, under {@code gpu.*} keys. */
        public Map<String, String> fingerprint() {
            return info.fingerprint();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GpuInfo g && g.info.equals(info);
        }

        @Override
        public int hashCode() {
            return info.hashCode();
        }

        @Override
        public String toString() {
            return info.toString();
        }
    }

    /**
     * The primary context of one GPU, the one the CUDA runtime (and so PyTorch) uses (a view of
     * {@code dev.scalebench.kernels.CudaContext}). Close it to release this process's retain.
     */
    public static final class CudaContext implements AutoCloseable {
        private final dev.scalebench.kernels.CudaContext context;

        private CudaContext(dev.scalebench.kernels.CudaContext context) {
            this.context = context;
        }

        /**
         * Retains the primary context of GPU {@code index}.
         *
         * @throws RuntimeException when the driver refuses (its call and error in the message)
         * @throws LinkageError when JCuda's native library does not load
         */
        public static CudaContext open(int index) {
            return new CudaContext(dev.scalebench.kernels.CudaContext.open(index));
        }

        /** The GPU, as the driver reports it. */
        public GpuInfo device() {
            return new GpuInfo(context.device());
        }

        /**
         * Device memory in use now, bytes: total minus free as {@code cuMemGetInfo} reports it (every process and
         * context on the device, the CUDA runtime's and PyTorch's caching allocator's reservations included).
         */
        public long usedBytes() {
            dev.scalebench.kernels.CudaContext.DeviceMemory m = context.deviceMemory();
            return m.totalBytes() - m.freeBytes();
        }

        /** Makes the context current on this thread. */
        public void makeCurrent() {
            context.makeCurrent();
        }

        /** A timer recording CUDA events on the context's legacy default stream, where PyTorch queues its work. */
        public EventTimer newTimer() {
            return new EventTimer(context.newTimer(context.defaultStream()));
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Device time between two CUDA events recorded on one stream (a view of
     * {@code dev.scalebench.kernels.EventTimer}). {@link #start()} and {@link #stop()} only queue events and return
     * at once; {@link #elapsedNanos()} waits for the stop event.
     */
    public static final class EventTimer implements AutoCloseable {
        private final dev.scalebench.kernels.EventTimer timer;

        private EventTimer(dev.scalebench.kernels.EventTimer timer) {
            this.timer = timer;
        }

        /** Records the start event on the stream. */
        public void start() {
            timer.start();
        }

        /** Records the stop event on the stream. */
        public void stop() {
            timer.stop();
        }

        /** Waits for the stop event and returns the device time between the events, in nanoseconds. */
        public long elapsedNanos() {
            return timer.elapsedNanos();
        }

        @Override
        public void close() {
            timer.close();
        }
    }
}
