package dev.scalebench.backend;

/**
 * A prepared point: model and inputs live on the device until {@link #close()}.
 *
 * <p><b>Contract of {@link #step()}:</b> one step of the workload (a prefill pass or a decode step), and it
 * returns only after the device has finished that work, so a host clock read around it measures the device's
 * work. CPU engines are synchronous; GPU engines must wait for the device (see the implementations). It
 * should allocate as little as it can on the Java heap; whatever the engine allocates for intermediates is
 * freed before it returns.
 */
public interface Session extends AutoCloseable {

    /** Runs one step and waits until the device has finished it. */
    void step() throws Exception;

    /**
     * Device time of the last {@link #step()} in nanoseconds, when the backend measures it (CUDA events);
     * {@code -1} when it does not (and before the first step).
     */
    default long lastDeviceNanos() {
        return -1;
    }

    /** Releases what the point holds on the device. Closing twice is harmless. */
    @Override
    void close();
}
