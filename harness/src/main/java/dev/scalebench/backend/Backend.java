package dev.scalebench.backend;

import dev.scalebench.plan.SweepPoint;

/**
 * An inference engine on one device: it prepares points for measurement.
 *
 * <p>A backend is opened once per sweep and closed at the end. It is not thread-safe.
 */
public interface Backend extends AutoCloseable {

    /** Backend name, as in the sweep file. */
    String name();

    /** The device this backend runs on, resolved ({@code auto} is never returned). */
    DeviceInfo device();

    /**
     * Builds the model and the inputs of a point (weights allocated, inputs filled), ready to run.
     * Everything it allocates is released by {@link Session#close()}.
     *
     * @throws BackendException when the point cannot be prepared (out of memory, engine error); the
     *     runner records the point's trials as failed with that reason and goes on
     */
    Session open(SweepPoint point) throws BackendException;

    /**
     * The most device memory this backend has held at once so far (weights, caches, activations of its sessions),
     * when it tracks its own allocations; empty when it does not (an engine with its own allocator). Safe to call
     * from any thread, and after {@link #close()}.
     */
    default java.util.OptionalLong deviceMemoryPeakBytes() {
        return java.util.OptionalLong.empty();
    }

    /**
     * Sets the engine's thread counts (the sweep file's {@code threads:}, resolved: intra-op defaults to the physical
     * cores available) before the first session opens, and returns the counts <em>in force</em> afterwards as
     * fingerprint facts: {@code threads.intra}, {@code threads.inter}, and the environment variables the engine's
     * thread pools read ({@code env.OMP_NUM_THREADS}, {@code env.MKL_NUM_THREADS}, {@code unset} when unset). An
     * engine that cannot change a count reports the one it has. A backend without a thread pool of its own (the
     * {@code sim} backend, a GPU engine whose host side is one thread) returns no facts, the default.
     */
    default java.util.Map<String, String> applyThreads(int intraOp, int interOp) {
        return java.util.Map.of();
    }

    /**
     * Engine facts for the environment fingerprint (engine name, version, flavour...), namespaced keys; the same
     * while the backend is open. It holds every key of its provider's {@link BackendProvider#resumeKeys()}.
     */
    java.util.Map<String, String> fingerprint();

    /** Releases the engine and the device (the caller closes its sessions first). Closing twice is harmless. */
    @Override
    void close();
}
