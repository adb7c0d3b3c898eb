package dev.scalebench.measure;

import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Runs one trial on a prepared {@link Session}: warm-up until steady, then the measured loop with its stopping
 * rule (docs/measurement.md, "A trial").
 *
 * <p><b>The timed loop</b> is: read the clock, {@link Session#step()} (which returns only once the device has
 * finished), read the clock, record the difference into the trial's HdrHistogram {@link Histogram}. The histogram
 * covers a fixed range (1 ns to 1 h, 3 significant digits), so recording never resizes and allocates nothing;
 * nothing in the loop logs or throws on the harness's side. Every {@value #CHECK_INTERVAL_MS} ms (and when the
 * minimums are first met) the loop evaluates the stopping rule on that same histogram:
 * stop at {@code max-time}; else, once {@code min} iterations and {@code min-time} are reached, stop when the
 * relative half-width of the median's 95 % CI is at most {@code target-ci} (or at once when it is 0). Whether a
 * check is due is decided by comparing the clock reading the iteration took anyway with the next check's time,
 * and the iteration count with the minimum: no extra clock read, no division.
 *
 * <p><b>What the loop costs, and why it is single-writer.</b> Per iteration, besides the step, the loop reads
 * the clock twice ({@link System#nanoTime()} with {@link Clock#system()}) — the floor of any harness that times
 * each step, 2 × 26 to 37 ns on the 2-core development machine — and does a few nanoseconds of its own work: one
 * plain histogram record (a bucket index from the value's leading zeros, one array increment, the count and the
 * min/max), the device-time and iteration counts, and the check's comparisons. The histogram has one writer and
 * one reader, both the thread that runs the trial, and it is read only between iterations, by the check and after
 * the loop; nothing else sees it until {@link #run(Session)} returns it. So it needs no synchronisation. Until
 * issue 14 the loop recorded through an HdrHistogram {@code Recorder}, built for a reader on another thread: each
 * record entered and left its writer phaser (two atomic increments) and incremented a {@code ConcurrentHistogram}
 * (atomic counts), and each check swapped an interval histogram into a total. That loop took 33 ns per iteration
 * over the two clock reads, this one 8 ns ({@code MeasurementOverheadBenchmark}: {@code trialLoop} minus
 * {@code twoClockReads} in one JMH run; docs/measurement.md, "The loop against the clock's own cost"). Should a
 * live view of a running trial ever be needed from another thread, HdrHistogram's {@code SingleWriterRecorder}
 * is the tool; a trial's progress today is reported per finished trial.
 *
 * <p>A {@link GenerationSession} (a generate point) is measured request by request by the generation loop
 * ({@link #measureGeneration}): one clock read per token, four histograms (end to end, TTFT, TPOT, ITL), the same
 * {@link StoppingRule} on TPOT's median (docs/measurement.md, "Generation").
 *
 * <p>Collector pauses are read before and after the measured loop; a trial with any is flagged {@link Flag#GC}.
 * A trial whose warm-up never became steady is flagged {@link Flag#NOT_STEADY}; with fewer than 10 000 iterations
 * p99 rests on fewer than 100 samples and the trial is flagged {@link Flag#P99_LOW_CONFIDENCE}.
 *
 * <p>Not thread-safe; one instance per trial or reused sequentially.
 */
public final class TrialRunner {
    /** Highest recordable latency: one hour. Longer iterations are clamped (and would fail the timeout anyway). */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Significant digits of every latency histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;
    static final long CHECK_INTERVAL_MS = 50;
    private static final long P99_MIN_ITERATIONS = 10_000;

    private final Clock clock;
    private final GcMonitor gc;
    private final MeasurePolicy policy;
    private final TrialSensor sensor;

    /** A runner without machine sensors. */
    public TrialRunner(Clock clock, GcMonitor gc, MeasurePolicy policy) {
        this(clock, gc, policy, TrialSensor.NONE);
    }

    /** A runner that reads {@code sensor} right before and right after each measured loop. */
    public TrialRunner(Clock clock, GcMonitor gc, MeasurePolicy policy, TrialSensor sensor) {
        this.clock = clock;
        this.gc = gc;
        this.policy = policy;
        this.sensor = sensor;
    }

    /** A new histogram with the range and precision every trial uses. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Warms up and measures one trial. A {@link GenerationSession} is warmed up request by request (its
     * {@link Session#step()} is one request, so the steady-state test runs on end-to-end latencies) and measured by
     * {@link #measureGeneration the generation loop}.
     *
     * @throws TrialTimeoutException when warm-up plus measurement pass the policy's trial timeout
     * @throws Exception whatever {@link Session#step()} throws
     */
    public TrialMeasurement run(Session session) throws Exception {
        long trialStart = clock.nanoTime();
        long timeoutAt = trialStart + policy.trialTimeout().toNanos();

        MeasurePolicy.Warmup w = policy.warmup();
        SteadyState steadyState = new SteadyState(SteadyState.windowFor(w.minIterations()));
        long warmupIterations = 0;
        boolean steady = false;
        long minWarmupNanos = w.minTime().toNanos();
        long maxWarmupNanos = w.maxTime().toNanos();
        while (true) {
            long t0 = clock.nanoTime();
            session.step();
            long t1 = clock.nanoTime();
            steadyState.add(t1 - t0);
            warmupIterations++;
            long elapsed = t1 - trialStart;
            if (warmupIterations >= w.minIterations() && elapsed >= minWarmupNanos) {
                if (steadyState.isSteady(w.steadyCv())) {
                    steady = true;
                    break;
                }
                if (elapsed >= maxWarmupNanos) {
                    break;
                }
            }
            if (t1 - timeoutAt > 0) {
                throw new TrialTimeoutException(policy.trialTimeout(), warmupIterations, "warm-up");
            }
        }
        long warmupNanos = clock.nanoTime() - trialStart;
        if (session instanceof GenerationSession g) {
            return measureGeneration(g, timeoutAt, warmupIterations, warmupNanos, steady);
        }
        return measure(session, timeoutAt, warmupIterations, warmupNanos, steady);
    }

    private TrialMeasurement measure(Session session, long timeoutAt, long warmupIterations, long warmupNanos,
            boolean steady) throws Exception {
        Histogram total = newHistogram(); // single writer: this thread; read only here, between iterations
        GcMonitor.Snapshot gcBefore = gc.snapshot();
        TrialSensor.Window window = sensor.begin();

        long iterations = 0;
        long deviceNanos = 0;
        boolean deviceTimed = true;
        StopReason reason;
        final long start = clock.nanoTime();
        final StoppingRule rule = new StoppingRule(policy, start, timeoutAt);
        while (true) {
            final long t0 = clock.nanoTime();
            session.step();
            final long t1 = clock.nanoTime();
            total.recordValue(Math.min(Math.max(t1 - t0, 1), HIGHEST_TRACKABLE_NANOS));
            long dev = session.lastDeviceNanos();
            if (dev >= 0) {
                deviceNanos += dev;
            } else {
                deviceTimed = false;
            }
            iterations++;
            if (rule.due(t1, iterations) && (reason = rule.check(t1, iterations, total)) != null) {
                break;
            }
        }
        return result(total, warmupIterations, warmupNanos, steady, start, iterations,
                deviceTimed ? deviceNanos : -1, gcBefore, window, reason, rule, null);
    }

    /** What a measured loop that began at {@code start} (clock) measured, with its flags; called once it stopped. */
    private TrialMeasurement result(Histogram histogram, long warmupIterations, long warmupNanos, boolean steady,
            long start, long iterations, long deviceNanos, GcMonitor.Snapshot gcBefore, TrialSensor.Window window,
            StopReason reason, StoppingRule rule, TrialMeasurement.Generation generation) {
        long measuredNanos = clock.nanoTime() - start;
        MachineReading machine = window.end(measuredNanos);
        GcMonitor.Snapshot gcDelta = gc.snapshot().minus(gcBefore);
        List<Flag> flags = flags(gcDelta, steady, iterations, reason, rule);
        flags.addAll(machine.flags());
        return new TrialMeasurement(histogram, warmupIterations, warmupNanos, steady, iterations, measuredNanos,
                deviceNanos, gcDelta, reason, flags, generation, machine);
    }

    /**
     * The generation loop: per request, read the clock, {@link GenerationSession#prefill()}, read the clock (TTFT), then
     * per further token {@link GenerationSession#decode()} and one clock read (ITL, the difference from the previous
     * reading); the request's end-to-end latency and its TPOT are recorded at its end. So each recorded token costs
     * one clock read and one histogram record besides the engine's work. The stopping rule targets the CI of TPOT's
     * median (of TTFT's when a request has one output token).
     */
    private TrialMeasurement measureGeneration(GenerationSession session, long timeoutAt, long warmupIterations,
            long warmupNanos, boolean steady) throws Exception {
        final int output = session.outputTokens();
        Histogram e2e = newHistogram(); // all four: single writer, this thread
        Histogram ttft = newHistogram();
        Histogram tpot = newHistogram();
        Histogram itl = newHistogram();
        final Histogram target = output > 1 ? tpot : ttft;
        GcMonitor.Snapshot gcBefore = gc.snapshot();
        TrialSensor.Window window = sensor.begin();

        long requests = 0;
        long deviceNanos = 0;
        boolean deviceTimed = true;
        StopReason reason;
        final long start = clock.nanoTime();
        final StoppingRule rule = new StoppingRule(policy, start, timeoutAt);
        while (true) {
            final long t0 = clock.nanoTime();
            session.prefill();
            long t = clock.nanoTime();
            long dev = session.lastDeviceNanos();
            final long first = clamp(t - t0);
            ttft.recordValue(first);
            for (int k = 1; k < output; k++) {
                session.decode();
                final long tk = clock.nanoTime();
                itl.recordValue(clamp(tk - t));
                t = tk;
                long d = session.lastDeviceNanos();
                dev = dev < 0 || d < 0 ? -1 : dev + d;
            }
            final long total = clamp(t - t0);
            e2e.recordValue(total);
            if (output > 1) {
                tpot.recordValue(Math.max((total - first) / (output - 1), 1));
            }
            if (dev >= 0) {
                deviceNanos += dev;
            } else {
                deviceTimed = false;
            }
            requests++;
            if (rule.due(t, requests) && (reason = rule.check(t, requests, target)) != null) {
                break;
            }
        }
        return result(e2e, warmupIterations, warmupNanos, steady, start, requests, deviceTimed ? deviceNanos : -1,
                gcBefore, window, reason, rule, new TrialMeasurement.Generation(output, ttft, tpot, itl));
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 1), HIGHEST_TRACKABLE_NANOS);
    }

    private static List<Flag> flags(GcMonitor.Snapshot gcDelta, boolean steady, long iterations, StopReason reason,
            StoppingRule rule) {
        List<Flag> flags = new ArrayList<>();
        if (gcDelta.count() > 0) {
            flags.add(Flag.GC);
        }
        if (!steady) {
            flags.add(Flag.NOT_STEADY);
        }
        if (iterations < P99_MIN_ITERATIONS) {
            flags.add(Flag.P99_LOW_CONFIDENCE);
        }
        if (reason == StopReason.MAX_TIME && rule.targetsCi()) {
            flags.add(Flag.MAX_TIME);
        }
        return flags;
    }
}
