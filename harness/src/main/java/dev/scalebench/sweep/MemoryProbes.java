package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.djl.DjlBackend;
import dev.scalebench.backend.sim.SimBackend;
import dev.scalebench.measure.MemoryProbe;
import dev.scalebench.measure.ProcessMemory;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Picks the {@link MemoryProbe} that measures a backend's trials (docs/measurement.md, "Memory"):
 *
 * <ul>
 *   <li>DJL on a GPU: the device's used memory ({@code cuMemGetInfo}) after the trial minus before the session was
 *       built, PyTorch's cached blocks released first ({@link #deviceUsed});
 *   <li>a backend that keeps its own account of device memory ({@link Backend#deviceMemoryPeakBytes()}: the
 *       {@code cuda} backend): {@link #accountPeak};
 *   <li>the {@code sim} backend: nothing (it allocates nothing it simulates);
 *   <li>any other backend, which runs in this process (DJL on a CPU, an engine on the CPU): the process's resident
 *       memory ({@link ProcessMemory}).
 * </ul>
 */
public final class MemoryProbes {

    private MemoryProbes() {
    }

    /** The probe for {@code backend}'s trials. */
    public static MemoryProbe forBackend(Backend backend) {
        if (backend instanceof SimBackend) {
            return MemoryProbe.NONE;
        }
        if (backend instanceof DjlBackend djl && backend.device().isGpu()) {
            return deviceUsed(djl::releaseCachedGpuMemory, () -> djl.gpuMemoryUsedBytes().orElse(-1));
        }
        if (backend.deviceMemoryPeakBytes().isPresent()) {
            return accountPeak(backend::deviceMemoryPeakBytes);
        }
        return ProcessMemory.linux();
    }

    /**
     * Growth of a device's used memory over the window: {@code release} runs first (so that memory an allocator
     * cached for earlier points is not counted as in use), then {@code used} is read before and after. An allocator
     * that caches (PyTorch's) does not give blocks back between steps, so the reading after the trial is at least
     * the most it reserved during the trial: the figure is the peak <em>reserved</em> growth (not the peak held by
     * tensors), and it counts whatever other processes did on the device meanwhile.
     *
     * @param used bytes in use now, negative when unknown
     */
    public static MemoryProbe deviceUsed(Runnable release, LongSupplier used) {
        return () -> {
            release.run();
            long before = used.getAsLong();
            return () -> {
                long after = used.getAsLong();
                return before < 0 || after < 0 ? MemoryProbe.UNKNOWN : Math.max(0, after - before);
            };
        };
    }

    /**
     * A backend's own account of its peak (a lifetime high-water mark that never falls): when it rose during the
     * window, the window set it, and the new peak is the window's, less what the backend held at its start (nothing:
     * sessions are closed between trials, and the account counts only what sessions allocate); when it did not
     * rise the window's peak is at most the earlier one and cannot be told apart: {@link MemoryProbe#UNKNOWN}.
     * (A per-window reset of the account would tell every window; see docs/measurement.md.)
     */
    public static MemoryProbe accountPeak(java.util.function.Supplier<OptionalLong> peak) {
        return () -> {
            long before = peak.get().orElse(-1);
            return () -> {
                long after = peak.get().orElse(-1);
                return before < 0 || after <= before ? MemoryProbe.UNKNOWN : after;
            };
        };
    }
}
