package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.EventTimer;
import dev.scalebench.kernels.ops.Probes;

/**
 * Holds the stream busy while the host queues a repetition: one block of the FMA probe, long enough for the host to
 * queue every launch of the repetition before the first one may start. The start event is recorded after the
 * spacer, so the timed launches then run back to back even when each takes the GPU less time than the host takes
 * to queue it, and the events measure the kernels rather than the launch rate. {@code torch_ops.py} does the same
 * with {@code torch.cuda._sleep}.
 */
final class Spacer implements AutoCloseable {
    /** Iterations of the calibration launch (a few milliseconds on a current GPU). */
    static final int CALIBRATION_ITERS = 20_000;
    /** The longest hold. */
    static final long MAX_HOLD_NANOS = 100_000_000L;

    private final Env env;
    private final DeviceBuffer out;
    private final double nanosPerIter;

    private Spacer(Env env, DeviceBuffer out, double nanosPerIter) {
        this.env = env;
        this.out = out;
        this.nanosPerIter = nanosPerIter;
    }

    /** A spacer that does nothing. */
    static Spacer off() {
        return new Spacer(null, null, Double.NaN);
    }

    /** Measures how long one iteration of a one-block FMA probe takes on this GPU. */
    static Spacer calibrate(Env env, EventTimer timer) {
        DeviceBuffer out = env.context().allocate(Probes.outBytes(1));
        try {
            env.probes().fma(env.stream(), out.pointer(), 1, 100);
            env.stream().synchronize();
            timer.start();
            env.probes().fma(env.stream(), out.pointer(), 1, CALIBRATION_ITERS);
            timer.stop();
            double perIter = Math.max(1e-3, timer.elapsedNanos() / (double) CALIBRATION_ITERS);
            return new Spacer(env, out, perIter);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Whether it holds the stream at all. */
    boolean enabled() {
        return env != null;
    }

    /** Device nanoseconds per iteration of the one-block probe ({@code NaN} when off). */
    double nanosPerIter() {
        return nanosPerIter;
    }

    /** Queues a launch that keeps the stream busy for about {@code nanos} (at most {@value #MAX_HOLD_NANOS}). */
    void hold(long nanos) {
        if (enabled()) {
            env.probes().fma(env.stream(), out.pointer(), 1, iters(nanos, nanosPerIter));
        }
    }

    /** Iterations for a hold of {@code nanos}, at least 1. */
    static int iters(long nanos, double nanosPerIter) {
        double n = Math.ceil(Math.min(nanos, MAX_HOLD_NANOS) / nanosPerIter);
        return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE));
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
