package dev.scalebench.kernels;

/** Streams for tests that only check arguments and never reach the driver. */
public final class TestStreams {
    private TestStreams() {
    }

    /** The legacy default stream of no context: fine as an argument, never usable on the device. */
    public static CudaStream detached() {
        return CudaStream.legacyDefault(null);
    }
}
