package dev.scalebench.backend.cuda;

import dev.scalebench.backend.cuda.CalibrationResult.Measurement;
import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.EventTimer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Measures the ceilings of one GPU with the probe kernels: memory bandwidth (copy and triad over buffers far larger
 * than the L2) and peak FLOP/s per dtype (FMA chains, {@code mma.sync} loops).
 *
 * <p>Each probe runs a warm-up, then {@link CalibrationSettings#repetitions()} timed repetitions; a repetition is
 * enough back-to-back launches to last {@link CalibrationSettings#repetitionTime()}, between two CUDA events on the
 * probe's stream, so its rate (work over device time) is sustained over thousands of waves and untouched by the
 * host. The ceiling stored is the best repetition: a ceiling is the most this GPU sustains, and a slower
 * repetition was slowed by something outside the probe (a clock change, another process); the median is kept
 * beside it, and a spread of more than {@value #UNSTABLE_SPREAD_PERCENT} % between the two is noted.
 */
public final class Calibration {

    static final int UNSTABLE_SPREAD_PERCENT = 5;
    /** Loop count a compute probe starts from before it is scaled to {@link CalibrationSettings#minLaunchTime()}. */
    static final long START_ITERATIONS = 1 << 12;
    static final long MAX_ITERATIONS = 1L << 30;
    static final int MAX_LAUNCHES_PER_REPETITION = 1 << 16;
    private static final long MIB = 1L << 20;
    /** Share of the free device memory the bandwidth buffers may take. */
    private static final double FREE_SHARE = 0.9;

    /** Device time of work queued on the probe's stream: CUDA events around it (a fake in tests). */
    @FunctionalInterface
    interface DeviceTimer {
        /** Runs {@code enqueue}, which queues launches, and returns the device time they took, ns. */
        long nanos(Runnable enqueue);
    }

    private Calibration() {
    }

    /**
     * Measures every {@link CalibrationTarget} on GPU {@code index}.
     *
     * @param progress receives one line per probe as it starts
     * @throws dev.scalebench.kernels.CudaUnavailableException when CUDA or the probe kernels are not usable here
     * @throws dev.scalebench.kernels.CudaException when a driver call fails
     */
    public static CalibrationResult run(int index, CalibrationProbes probes, CalibrationSettings settings, Clock clock,
            Consumer<String> progress) {
        Availability a = Cuda.availability();
        a.require();
        try (CudaContext ctx = CudaContext.open(index); CudaStream stream = ctx.newStream();
                EventTimer events = ctx.newTimer(stream)) {
            DeviceTimer timer = enqueue -> {
                events.start();
                enqueue.run();
                events.stop();
                return events.elapsedNanos();
            };
            List<String> notes = new ArrayList<>();
            List<Measurement> out = new ArrayList<>();
            long l2 = Math.max(0, ctx.device().l2Bytes());
            for (CalibrationTarget t : CalibrationTarget.values()) {
                progress.accept("measuring " + t.id() + " (" + t.kernel() + ")");
                if (t.bandwidth()) {
                    long bytes = bufferBytes(t, l2, ctx.deviceMemory().freeBytes(), settings, notes);
                    try (CalibrationProbe p = probes.open(t, ctx, stream, bytes)) {
                        out.add(measure(t, p, timer, settings));
                    }
                } else {
                    out.add(compute(t, n -> probes.open(t, ctx, stream, n), timer, settings));
                }
            }
            notes.addAll(unstable(out));
            return new CalibrationResult(ctx.device(), a.driverVersionString(), Cuda.JCUDA_VERSION, clock.instant(),
                    settings, out, notes);
        }
    }

    /**
     * Bytes per buffer of a bandwidth probe: at least {@link CalibrationSettings#L2_MULTIPLE} times the L2 and
     * {@link CalibrationSettings#minBufferBytes()}, whole MiB; less (with a note) when the free memory does not
     * hold that many buffers.
     *
     * @throws IllegalStateException when not even buffers of 16 MiB fit
     */
    static long bufferBytes(CalibrationTarget t, long l2Bytes, long freeBytes, CalibrationSettings s,
            List<String> notes) {
        long want = ceilMib(Math.max(s.minBufferBytes(), CalibrationSettings.L2_MULTIPLE * l2Bytes));
        long fit = (long) (freeBytes * FREE_SHARE) / t.buffers() / MIB * MIB;
        if (fit >= want) {
            return want;
        }
        if (fit < 16 * MIB) {
            throw new IllegalStateException(t.id() + " needs " + t.buffers() + " buffers of at least 16 MiB; "
                    + freeBytes / MIB + " MiB of device memory are free");
        }
        notes.add(String.format(Locale.ROOT, "%s: buffers of %d MiB (all the free memory allows) instead of %d MiB"
                + " (%dx the %d MiB L2, at least %d MiB): the rate may include L2 hits", t.id(), fit / MIB,
                want / MIB, CalibrationSettings.L2_MULTIPLE, l2Bytes / MIB, s.minBufferBytes() / MIB));
        return fit;
    }

    private static long ceilMib(long bytes) {
        return (bytes + MIB - 1) / MIB * MIB;
    }

    /**
     * Measures a compute probe: opens it with a loop count that makes one launch last at least
     * {@link CalibrationSettings#minLaunchTime()} (scaled from {@link #START_ITERATIONS}), then {@link #measure}.
     */
    static Measurement compute(CalibrationTarget t, LongFunction<CalibrationProbe> open, DeviceTimer timer,
            CalibrationSettings s) {
        long want = s.minLaunchTime().toNanos();
        long iterations = START_ITERATIONS;
        while (true) {
            try (CalibrationProbe p = open.apply(iterations)) {
                p.launch(); // the first launch pays for loading and JIT
                long one = Math.max(1, timer.nanos(p::launch));
                if (one >= want || iterations >= MAX_ITERATIONS) {
                    return measure(t, p, timer, s);
                }
                long factor = Math.max(2, (long) Math.ceil(1.25 * want / one));
                iterations = Math.min(MAX_ITERATIONS, iterations > MAX_ITERATIONS / factor ? MAX_ITERATIONS
                        : iterations * factor);
            }
        }
    }

    /** Warm-up, then timed repetitions of back-to-back launches of {@code p}. */
    static Measurement measure(CalibrationTarget t, CalibrationProbe p, DeviceTimer timer, CalibrationSettings s) {
        long repNanos = s.repetitionTime().toNanos();
        int k = launches(repNanos, Math.max(1, timer.nanos(p::launch)), 1);
        long warm = 0;
        for (int batch = 0; batch < 3 || warm < s.warmup().toNanos() && batch < 10_000; batch++) {
            long d = Math.max(1, timer.nanos(repeat(p, k)));
            warm += d;
            k = launches(repNanos, d, k);
        }
        double[] rates = new double[s.repetitions()];
        double[] nanos = new double[s.repetitions()];
        double work = k * p.workPerLaunch();
        for (int i = 0; i < rates.length; i++) {
            nanos[i] = Math.max(1, timer.nanos(repeat(p, k)));
            rates[i] = work / (nanos[i] * 1e-9);
        }
        Arrays.sort(rates);
        Arrays.sort(nanos);
        return new Measurement(t, p.setup(), p.workPerLaunch(), k, rates.length, rates[rates.length - 1],
                median(rates), rates[0], median(nanos));
    }

    /** Launches per repetition so that it lasts {@code repNanos}, given that {@code k} launches took {@code d}. */
    private static int launches(long repNanos, long d, int k) {
        double perLaunch = (double) d / k;
        return (int) Math.min(MAX_LAUNCHES_PER_REPETITION, Math.max(1, Math.ceil(repNanos / perLaunch)));
    }

    private static Runnable repeat(CalibrationProbe p, int k) {
        return () -> {
            for (int i = 0; i < k; i++) {
                p.launch();
            }
        };
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A note for every measurement whose best repetition is more than 5 % above its median. */
    static List<String> unstable(List<Measurement> ms) {
        List<String> notes = new ArrayList<>();
        for (Measurement m : ms) {
            if (m.spread() * 100 > UNSTABLE_SPREAD_PERCENT) {
                notes.add(String.format(Locale.ROOT, "%s: the best repetition is %.1f %% above the median: clocks or"
                        + " other work on the GPU changed during calibration (check nvidia-smi -q -d"
                        + " PERFORMANCE,CLOCK); run again on an idle GPU", m.target().id(), 100 * m.spread()));
            }
        }
        return notes;
    }
}
