package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.Session;
import dev.scalebench.config.Phase;
import dev.scalebench.results.GenerationSeries;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.measure.Clock;
import dev.scalebench.measure.GcMonitor;
import dev.scalebench.measure.MemoryProbe;
import dev.scalebench.measure.TrialSensor;
import dev.scalebench.measure.TrialMeasurement;
import dev.scalebench.measure.TrialRunner;
import dev.scalebench.measure.TrialTimeoutException;
import dev.scalebench.plan.Trial;
import dev.scalebench.progress.Eta;
import dev.scalebench.progress.Progress;
import dev.scalebench.results.RunStore;
import dev.scalebench.results.TrialResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs trials in order and journals each as it finishes. A trial that fails (out of memory, engine error,
 * timeout) is journaled as failed with its reason and the sweep goes on. A point that fails out of memory or as
 * unsupported is not retried: its later replicates are journaled as failed with the first reason, since repeating
 * the same allocation only costs time (and, on a GPU, risks the next point's memory).
 */
public final class SweepRunner {
    private final Backend backend;
    private final MeasurePolicy policy;
    private final RunStore store;
    private final Clock clock;
    private final GcMonitor gc;
    private final MemoryProbe memory;
    private final java.time.Clock wallClock;
    /** Points that failed in a way a retry would repeat, by point id. */
    private final Map<String, Failure> notRetried = new HashMap<>();

    private record Failure(FailureKind kind, String message) { }

    /** Told about each trial once it is journaled (outside the timed loop). */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param trial the journaled trial
         * @param histogram its latencies (ns), or {@code null} for a failed trial
         * @param series its further histograms by series name (a generate trial's TTFT, TPOT, ITL), empty for none
         */
        void trialFinished(TrialResult trial, org.HdrHistogram.Histogram histogram,
                Map<String, org.HdrHistogram.Histogram> series);
    }

    private Observer observer = (t, h, s) -> { };
    private TrialSensor sensor = TrialSensor.NONE;

    /**
     * Reads {@code s} around every measured loop from now on (interference, energy, GPU state: {@link TrialSensor});
     * what it reads is journaled with the trial and may flag it.
     */
    public SweepRunner sense(TrialSensor s) {
        this.sensor = s;
        return this;
    }

    /** Tells {@code o} about every trial journaled from now on. */
    public SweepRunner observe(Observer o) {
        this.observer = o;
        return this;
    }

    /** A runner that measures no memory (every trial's {@code memPeakBytes} is {@code -1}). */
    public SweepRunner(Backend backend, MeasurePolicy policy, RunStore store, Clock clock, GcMonitor gc,
            java.time.Clock wallClock) {
        this(backend, policy, store, clock, gc, MemoryProbe.NONE, wallClock);
    }

    /**
     * @param memory measures each trial's peak memory: a window opens before the point's session is built and is read
     *     after the trial, before the session closes ({@link MemoryProbes#forBackend(Backend)} picks one)
     */
    public SweepRunner(Backend backend, MeasurePolicy policy, RunStore store, Clock clock, GcMonitor gc,
            MemoryProbe memory, java.time.Clock wallClock) {
        this.backend = backend;
        this.policy = policy;
        this.store = store;
        this.clock = clock;
        this.gc = gc;
        this.memory = memory;
        this.wallClock = wallClock;
    }

    /**
     * Runs {@code pending} in order.
     *
     * @param estimate the cost model's time for a trial (for the ETA)
     * @param progress where progress goes
     * @param done trials already journaled before this call
     * @param total trials in the whole run
     * @return how many of the pending trials failed
     */
    public int run(List<Trial> pending, Function<Trial, Duration> estimate, Progress progress, int done, int total) {
        Eta eta = Eta.of(pending.stream().map(estimate).reduce(Duration.ZERO, Duration::plus));
        int failed = 0;
        for (Trial trial : pending) {
            long t0 = clock.nanoTime();
            TrialResult result = runOne(trial);
            if (!result.ok()) {
                failed++;
            }
            eta = eta.afterTrial(estimate.apply(trial), Duration.ofNanos(clock.nanoTime() - t0));
            done++;
            progress.trialFinished(trial.id(), result.ok(), done, total, eta.remaining());
        }
        return failed;
    }

    private TrialResult runOne(Trial trial) {
        Instant started = wallClock.instant();
        String pointId = trial.point().id();
        Failure earlier = notRetried.get(pointId);
        if (earlier != null) {
            return journal(failed(trial, earlier.kind(), "not retried: " + earlier.message(), started), null);
        }
        MemoryProbe.Window window = memory.begin();
        try (Session session = backend.open(trial.point())) {
            if (trial.point().phase() == Phase.GENERATE && !(session instanceof GenerationSession)) {
                throw new BackendException(FailureKind.UNSUPPORTED, "the " + backend.name() + " backend does not"
                        + " implement phase generate (its session has no prefill/decode split); sweep prefill and"
                        + " decode on it, or generate on a backend that does", null);
            }
            TrialMeasurement m = new TrialRunner(clock, gc, policy, sensor).run(session);
            long memPeakBytes = window.peakBytes();
            TrialResult r = new TrialResult(trial.id(), pointId, trial.replicate(), trial.sequence(),
                    TrialResult.Status.OK, null, started, wallClock.instant(), new TrialResult.Measured(
                            new TrialResult.Warmup(m.warmupIterations(), m.warmupNanos(), m.steady()), m.iterations(),
                            m.measuredNanos(), m.deviceNanos(), new TrialResult.Gc(m.gc().count(), m.gc().pauseNanos()),
                            m.stopReason(), memPeakBytes, m.machine()), m.flags());
            TrialMeasurement.Generation g = m.generation();
            return journal(r, m.histogram(), g == null ? Map.of() : GenerationSeries.byName(g.ttft(), g.tpot(), g.itl()));
        } catch (BackendException e) {
            FailureKind kind = e.kind();
            if (kind == FailureKind.OUT_OF_MEMORY || kind == FailureKind.UNSUPPORTED) {
                notRetried.put(pointId, new Failure(kind, e.getMessage()));
            }
            return journal(failed(trial, kind, e.getMessage(), started), null);
        } catch (TrialTimeoutException e) {
            return journal(failed(trial, FailureKind.TIMEOUT, e.getMessage(), started), null);
        } catch (OutOfMemoryError e) {
            notRetried.put(pointId, new Failure(FailureKind.OUT_OF_MEMORY, "Java heap: " + e.getMessage()));
            return journal(failed(trial, FailureKind.OUT_OF_MEMORY, "Java heap: " + e.getMessage(), started), null);
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            return journal(failed(trial, FailureKind.ENGINE_ERROR, msg, started), null);
        }
    }

    private TrialResult failed(Trial trial, FailureKind kind, String message, Instant started) {
        return TrialResult.failed(trial.id(), trial.point().id(), trial.replicate(), trial.sequence(), kind,
                firstLine(message), started, wallClock.instant());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    private TrialResult journal(TrialResult r, org.HdrHistogram.Histogram h) {
        return journal(r, h, Map.of());
    }

    private TrialResult journal(TrialResult r, org.HdrHistogram.Histogram h,
            Map<String, org.HdrHistogram.Histogram> series) {
        store.append(r, h, series);
        observer.trialFinished(r, h, series);
        return r;
    }
}
