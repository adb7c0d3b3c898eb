package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.EventTimer;

/**
 * The host-vs-device gap per launch, on a launch that costs the GPU almost nothing ({@link BenchCases#gap()}):
 * a loop of {@code L} launches through {@link dev.scalebench.kernels.ops.Kernels} timed by the host clock (the loop
 * and the final synchronisation) and by events around it; the same loop of bare
 * {@link dev.scalebench.kernels.CudaFunction#launch} calls (JCuda and {@code cuLaunchKernel} only), host clock
 * without the synchronisation; and the launch's device time by the {@link Timing} protocol. Each loop runs
 * {@value #ROUNDS} times; the medians are reported.
 *
 * @param hostNanos host time per launch of the loop, synchronisation included: what a host-timed loop sees
 * @param enqueueNanos host time per launch of the loop alone (the wrapper's checks, JCuda, the driver)
 * @param launchCallNanos host time per bare {@code cuLaunchKernel} through JCuda
 * @param eventsNanos device time per launch between events around the same loop: the rate the host feeds the GPU
 * @param deviceNanos device time per launch fed back to back (the kernel and the GPU's own launch overhead)
 */
record LaunchGap(double hostNanos, double enqueueNanos, double launchCallNanos, double eventsNanos,
                 double deviceNanos) {

    /** Repetitions of each loop. */
    static final int ROUNDS = 3;

    /** {@link #hostNanos} minus {@link #deviceNanos}: what launching costs beyond the GPU's work. */
    double gapNanos() {
        return hostNanos - deviceNanos;
    }

    /** Measures the gap for {@code bound} (a case with a {@linkplain Bound#raw() bare launch}). */
    static LaunchGap measure(Bound bound, Timing timing, EventTimer timer, int launches) {
        CudaStream s = bound.env().stream();
        Runnable raw = bound.raw();
        for (int i = 0; i < Math.min(launches, 1000); i++) {
            bound.launch();
            raw.run();
        }
        s.synchronize();
        double[] host = new double[ROUNDS];
        double[] enqueue = new double[ROUNDS];
        double[] events = new double[ROUNDS];
        double[] call = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            timer.start();
            for (int i = 0; i < launches; i++) {
                bound.launch();
            }
            timer.stop();
            long t1 = System.nanoTime();
            s.synchronize();
            long t2 = System.nanoTime();
            host[round] = (t2 - t0) / (double) launches;
            enqueue[round] = (t1 - t0) / (double) launches;
            events[round] = timer.elapsedNanos() / (double) launches;
            t0 = System.nanoTime();
            for (int i = 0; i < launches; i++) {
                raw.run();
            }
            call[round] = (System.nanoTime() - t0) / (double) launches;
            s.synchronize();
        }
        Timing.Result device = timing.measure(bound::launch);
        return new LaunchGap(Timing.median(host), Timing.median(enqueue), Timing.median(call),
                Timing.median(events), device.medianNanos());
    }
}
