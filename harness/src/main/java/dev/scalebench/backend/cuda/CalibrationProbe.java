package dev.scalebench.backend.cuda;

/**
 * One probe kernel, ready to launch: its buffers allocated and filled (bandwidth) or its loop count fixed
 * (compute). {@link Calibration} times its launches; the probe only says what one launch does.
 */
public interface CalibrationProbe extends AutoCloseable {

    /**
     * The launch in words, for the profile's sources: buffer sizes, grid and block, iterations, e.g.
     * {@code 3 buffers of 400 MiB (26214400 float4 each), grid 528 x 256}.
     */
    String setup();

    /**
     * The work of one launch: bytes read plus bytes written for a bandwidth probe (the STREAM convention:
     * write-allocate traffic is not counted), FLOPs for a compute probe (an FMA is 2, an {@code m16n8k16}
     * {@code mma.sync} 2·16·8·16).
     */
    double workPerLaunch();

    /** Queues one launch on the probe's stream and returns at once. */
    void launch();

    /** Frees the probe's device memory. */
    @Override
    void close();
}
