package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Device time between two CUDA events recorded on one stream: the time the GPU took from the start event to the
 * stop event, including any time it sat idle waiting for the host to queue work. The driver's resolution is about
 * half a microsecond.
 *
 * <p>{@link #start()} and {@link #stop()} only queue events and return at once; {@link #elapsedNanos()} waits for
 * the stop event, so calling it before stopping the host clock puts the device's work inside the host measurement.
 */
public final class EventTimer implements AutoCloseable {

    private final CudaStream stream;
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();
    private final float[] ms = {0f};
    private boolean started;
    private boolean stopped;
    private boolean closed;

    EventTimer(CudaStream stream) {
        this.stream = stream;
        check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        int r = JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT);
        if (r != 0) {
            JCudaDriver.cuEventDestroy(start);
            check(r, "cuEventCreate");
        }
    }

    /** Records the start event on the stream. */
    public void start() {
        check(JCudaDriver.cuEventRecord(start, stream.handle()), "cuEventRecord(start)");
        started = true;
        stopped = false;
    }

    /** Records the stop event on the stream. */
    public void stop() {
        if (!started) {
            throw new IllegalStateException("stop() before start()");
        }
        check(JCudaDriver.cuEventRecord(stop, stream.handle()), "cuEventRecord(stop)");
        stopped = true;
    }

    /** Waits for the stop event and returns the device time between the events, in nanoseconds. */
    public long elapsedNanos() {
        if (!stopped) {
            throw new IllegalStateException("elapsedNanos() before stop()");
        }
        check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
        check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
        return Math.round(ms[0] * 1e6);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            JCudaDriver.cuEventDestroy(start);
            JCudaDriver.cuEventDestroy(stop);
        }
    }
}
