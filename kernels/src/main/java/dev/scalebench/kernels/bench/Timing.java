package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.EventTimer;
import java.util.Arrays;

/**
 * The timing protocol, the same in {@code torch_ops.py}: one untimed launch (module loading, first touch); warm-up
 * of at least {@code --warmup} launches and {@code --warmup-ms} of device time, timed by events to estimate one
 * launch; then {@code --reps} repetitions of {@code R} back-to-back launches between one pair of CUDA events, with
 * {@code R} chosen so a repetition lasts about {@code --rep-ms} (1 to {@value #MAX_LAUNCHES_PER_REP}), each
 * repetition behind a {@link Spacer}. Per launch: a repetition's device time over {@code R}; reported: the median
 * and the minimum over the repetitions.
 */
final class Timing {
    /** Launches per repetition at most: well within the driver's queue, so the spacer can cover all of them. */
    static final int MAX_LAUNCHES_PER_REP = 500;
    /** Warm-up launches at most. */
    static final int MAX_WARMUP_LAUNCHES = 5_000;
    /** Added to the spacer's hold beyond the host's queueing time. */
    static final long HOLD_MARGIN_NANOS = 20_000;

    /**
     * What one case measured.
     *
     * @param medianNanos median over the repetitions of the device time per launch
     * @param minNanos minimum over the repetitions
     * @param reps repetitions
     * @param launchesPerRep launches per repetition
     * @param warmupLaunches warm-up launches
     * @param hostNanosPerLaunch host time to queue one launch, from the warm-up
     */
    record Result(double medianNanos, double minNanos, int reps, int launchesPerRep, int warmupLaunches,
                  double hostNanosPerLaunch) {
    }

    private final CudaStream stream;
    private final EventTimer timer;
    private final Spacer spacer;
    private final BenchOptions options;

    Timing(CudaStream stream, EventTimer timer, Spacer spacer, BenchOptions options) {
        this.stream = stream;
        this.timer = timer;
        this.spacer = spacer;
        this.options = options;
    }

    /** Runs the protocol on {@code launch}, which queues one launch on the timing stream. */
    Result measure(Runnable launch) {
        launch.run();
        stream.synchronize();
        timer.start();
        launch.run();
        timer.stop();
        double first = Math.max(1, timer.elapsedNanos());
        int w = warmupLaunches(options.warmup(), options.warmupNanos(), first);
        long t0 = System.nanoTime();
        timer.start();
        for (int i = 0; i < w; i++) {
            launch.run();
        }
        timer.stop();
        double host = (System.nanoTime() - t0) / (double) w;
        double estimate = Math.max(1, timer.elapsedNanos() / (double) w);
        int r = launchesPerRep(estimate, options.repNanos());
        long hold = holdNanos(r, host);
        double[] perLaunch = new double[options.reps()];
        for (int rep = 0; rep < perLaunch.length; rep++) {
            spacer.hold(hold);
            timer.start();
            for (int i = 0; i < r; i++) {
                launch.run();
            }
            timer.stop();
            perLaunch[rep] = timer.elapsedNanos() / (double) r;
        }
        return new Result(median(perLaunch), min(perLaunch), perLaunch.length, r, w, host);
    }

    /** Warm-up launches: at least {@code min} (and 1), and enough for {@code nanos} at {@code estimate} each. */
    static int warmupLaunches(int min, long nanos, double estimate) {
        double forTime = Math.ceil(nanos / Math.max(1, estimate));
        return (int) Math.max(Math.max(1, min), Math.min(forTime, MAX_WARMUP_LAUNCHES));
    }

    /** Launches per repetition for one of {@code repNanos} at {@code estimate} per launch. */
    static int launchesPerRep(double estimate, long repNanos) {
        double r = Math.ceil(repNanos / Math.max(1, estimate));
        return (int) Math.max(1, Math.min(r, MAX_LAUNCHES_PER_REP));
    }

    /** How long the spacer holds the stream: half again the host's time to queue {@code r} launches, plus a margin. */
    static long holdNanos(int r, double hostNanosPerLaunch) {
        return Math.round(1.5 * r * hostNanosPerLaunch) + HOLD_MARGIN_NANOS;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
