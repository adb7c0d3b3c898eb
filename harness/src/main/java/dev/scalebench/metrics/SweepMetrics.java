package dev.scalebench.metrics;

import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SpecJson;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.measure.Flag;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.results.GenerationSeries;
import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialResult;
import dev.scalebench.results.TrialValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The Micrometer meters of one sweep, in a Prometheus registry:
 * <ul>
 *   <li>{@code scalebench.iteration.latency}: a timer per point (tags backend, model, dtype, phase, batch, seq,
 *       output, device; {@code output} is a generate point's output tokens per request, {@code 0} for prefill and
 *       decode, so that every meter of one name has the same tag keys, as Prometheus requires) with a percentile
 *       histogram, holding every measured iteration of the point's ok trials (for a generate point an iteration is
 *       a request);</li>
 *   <li>{@code scalebench.point.latency.p50}, {@code scalebench.point.latency.p99} (seconds) and
 *       {@code scalebench.point.throughput} (tokens per second): gauges per point (same tags as the timer) holding
 *       the point's figures over its ok trials so far, as every other output defines them ({@link PointStatistic}:
 *       the median over trials of each trial's value). The timer's histogram is a different thing: every
 *       iteration pooled, for dashboards' {@code histogram_quantile}, which interpolates within buckets and lets
 *       trials with more iterations weigh more. At a generate point p50 and p99 are those of a request's end-to-end
 *       latency and throughput its output tokens per second of all sequences;</li>
 *   <li>generate points only, the same tags: {@code scalebench.point.ttft.p50}, {@code scalebench.point.ttft.p99}
 *       (time to first token), {@code scalebench.point.tpot.p50}, {@code scalebench.point.tpot.p99} (time per output
 *       token), {@code scalebench.point.e2e.p99} (a request end to end), all seconds, and
 *       {@code scalebench.point.throughput.per.user} (output tokens per second of one sequence): the medians over
 *       the point's ok trials of {@link TrialMetric#TTFT_P50} ... {@link TrialMetric#TOKENS_PER_S_PER_USER};</li>
 *   <li>points whose trials carry an energy reading only, the same tags: {@code scalebench.energy} (joules, a
 *       counter) and the gauges {@code scalebench.point.energy.per.step}, {@code scalebench.point.energy.per.token},
 *       {@code scalebench.point.tokens.per.joule} and {@code scalebench.point.power} ({@link EnergyMeters});</li>
 *   <li>{@code scalebench.trials.failed}, {@code scalebench.trials.out.of.memory}, {@code scalebench.trials.interfered}
 *       (ok trials flagged {@code gc}): counters;</li>
 *   <li>{@code scalebench.sweep.trials.done}, {@code scalebench.sweep.trials.planned}, {@code scalebench.sweep.progress}
 *       (done / total), {@code scalebench.device.memory.capacity} (the device's memory, when known) and
 *       {@code scalebench.device.memory.peak} (the most the backend held at once, where it tracks that): gauges.</li>
 * </ul>
 * Every meter carries the tags {@code sweep}, {@code backend} and {@code device}, and {@code shard} ({@code KofN})
 * in a run of one shard.
 *
 * <p>The timers are fed after each trial from the trial's HdrHistogram, never from inside the timed loop: each
 * recorded value is replayed as many times as it was counted, at HdrHistogram's median-equivalent value (3
 * significant digits, so the timer's sum is within 0.1 % of the true sum). Thread-safe: the scrape endpoint reads
 * while the sweep records.
 */
public final class SweepMetrics implements AutoCloseable {
    /** Smallest and largest latency the percentile histogram's buckets cover. */
    static final Duration MIN_LATENCY = Duration.ofNanos(1_000);
    static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, SweepPoint> points = new HashMap<>();
    /** The ok trials of each point so far, by point id; a point's gauges read its list. */
    private final Map<String, List<TrialValues>> trials = new ConcurrentHashMap<>();
    /** The energy counter of each point with an energy reading so far, by point id. */
    private final Map<String, Counter> energy = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private final Counter failed;
    private final Counter outOfMemory;
    private final Counter interfered;
    private final String shard;

    /**
     * @param sweep the sweep's name
     * @param backend the backend's name
     * @param device the device the sweep runs on
     * @param points the run's points (trials name their point by id)
     * @param total trials in the whole run
     * @param shard {@code KofN} for a run of one shard, else {@code null}
     */
    public SweepMetrics(String sweep, String backend, DeviceInfo device, List<SweepPoint> points, int total,
            String shard) {
        registry.config().commonTags("sweep", sweep, "backend", backend, "device", device.id());
        if (shard != null) {
            registry.config().commonTags("shard", shard);
        }
        this.shard = shard;
        points.forEach(p -> this.points.put(p.id(), p));
        failed = Counter.builder("scalebench.trials.failed").description("Trials that failed (any reason)")
                .register(registry);
        outOfMemory = Counter.builder("scalebench.trials.out.of.memory")
                .description("Trials that failed out of memory").register(registry);
        interfered = Counter.builder("scalebench.trials.interfered")
                .description("Measured trials flagged for interference (a GC pause in the timed loop)")
                .register(registry);
        Gauge.builder("scalebench.sweep.trials.done", done, AtomicInteger::get)
                .description("Trials finished (ok or failed), including those journaled before a resume")
                .register(registry);
        Gauge.builder("scalebench.sweep.trials.planned", () -> total).description("Trials in the whole run")
                .register(registry);
        Gauge.builder("scalebench.sweep.progress", done, d -> total == 0 ? 1.0 : (double) d.get() / total)
                .description("Fraction of the run's trials finished").register(registry);
        if (device.memoryBytes() >= 0) {
            long bytes = device.memoryBytes();
            Gauge.builder("scalebench.device.memory.capacity", () -> bytes).baseUnit("bytes")
                    .description("Memory of the device (for a GPU: its total memory; for the CPU: host memory)")
                    .register(registry);
        }
    }

    /**
     * Adds {@code scalebench.device.memory.peak}: the most device memory the backend has held at once, read from
     * {@code peakBytes} whenever the meters are scraped or written (the backends that track their allocations).
     */
    public void deviceMemoryPeak(java.util.function.LongSupplier peakBytes) {
        Gauge.builder("scalebench.device.memory.peak", () -> peakBytes.getAsLong()).baseUnit("bytes")
                .description("The most device memory the backend has held at once so far").register(registry);
    }

    /**
     * The meters of a run that is already on disk (a merged run), rebuilt from its journal and histograms. The
     * device's memory is not known there, so that gauge is absent.
     */
    public static SweepMetrics of(RunReader run) {
        return of(Run.of(run));
    }

    /** The meters of a finished run, from its model (the trials' histograms as read). */
    public static SweepMetrics of(Run run) {
        SweepSpec spec = SpecJson.fromJson(run.manifest().spec());
        var shard = run.manifest().shard();
        SweepMetrics m = new SweepMetrics(spec.name(), spec.backend(), new DeviceInfo(spec.device(), spec.device(), -1),
                Planner.expand(spec), run.manifest().plan().trialOrder().size(),
                shard == null ? null : shard.index() + "of" + shard.count());
        run.trials().forEach(t -> m.finished(t.record(), t.histogram(),
                t.stats() == null ? null : t.stats().generation()));
        run.unplanned().forEach(t -> m.trialFinished(t, null));
        return m;
    }

    /**
     * Records a finished trial: its iterations into its point's timer (ok trials), or a failure.
     *
     * @param trial the journaled trial
     * @param histogram its latencies in ns, or {@code null} for a failed trial
     */
    public void trialFinished(TrialResult trial, Histogram histogram) {
        trialFinished(trial, histogram, Map.of());
    }

    /**
     * As {@link #trialFinished(TrialResult, Histogram)}, with the trial's further histograms by series name
     * ({@link GenerationSeries}): a generate trial's give its point's generation gauges.
     */
    public void trialFinished(TrialResult trial, Histogram histogram, Map<String, Histogram> series) {
        SweepPoint p = trial.ok() ? points.get(trial.pointId()) : null;
        finished(trial, histogram, p == null ? null : GenerationSeries.values(p.output(), series));
    }

    private void finished(TrialResult trial, Histogram histogram, GenerationValues generation) {
        if (!trial.ok()) {
            failed.increment();
            if (trial.failure() != null && trial.failure().kind() == FailureKind.OUT_OF_MEMORY) {
                outOfMemory.increment();
            }
        } else {
            if (trial.flags().contains(Flag.GC)) {
                interfered.increment();
            }
            SweepPoint p = points.get(trial.pointId());
            if (p != null && histogram != null) {
                record(timer(p), histogram);
                if (histogram.getTotalCount() > 0) {
                    List<TrialValues> list = pointTrials(p);
                    TrialValues v = TrialValues.of(trial, histogram, p.tokensPerStep(), generation);
                    list.add(v);
                    if (v.hasEnergy()) {
                        energy.computeIfAbsent(p.id(), id -> EnergyMeters.register(registry, tags(p), list))
                                .increment(v.energy().joules());
                    }
                }
            }
        }
        done.incrementAndGet();
    }

    private Timer timer(SweepPoint p) {
        return Timer.builder("scalebench.iteration.latency")
                .description("Latency of each measured iteration (one step) of a point")
                .tags(tags(p))
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_LATENCY)
                .maximumExpectedValue(MAX_LATENCY)
                .register(registry);
    }

    /** The list of {@code p}'s ok trials, registering the point's gauges with its first. */
    private List<TrialValues> pointTrials(SweepPoint p) {
        return trials.computeIfAbsent(p.id(), id -> {
            List<TrialValues> list = new CopyOnWriteArrayList<>();
            Tags tags = tags(p);
            Gauge.builder("scalebench.point.latency.p50", list, l -> PointStatistic.median(l, TrialMetric.P50) / 1e9)
                    .tags(tags).baseUnit("seconds").strongReference(true)
                    .description("The point's p50 step latency: median over its ok trials of each trial's p50")
                    .register(registry);
            Gauge.builder("scalebench.point.latency.p99", list, l -> PointStatistic.median(l, TrialMetric.P99) / 1e9)
                    .tags(tags).baseUnit("seconds").strongReference(true)
                    .description("The point's p99 step latency: median over its ok trials of each trial's p99")
                    .register(registry);
            Gauge.builder("scalebench.point.throughput", list, l -> PointStatistic.median(l, TrialMetric.THROUGHPUT))
                    .tags(tags).baseUnit("tokens.per.second").strongReference(true)
                    .description("The point's throughput: median over its ok trials of tokens per step / mean step"
                            + " time")
                    .register(registry);
            if (p.phase() == Phase.GENERATE) {
                GenerationGauges.register(registry, tags, list);
            }
            return list;
        });
    }

    /** A point's tags: the same keys for every point, {@code output} 0 for prefill and decode. */
    private static Tags tags(SweepPoint p) {
        return Tags.of("model", p.model().name(), "dtype", p.dtype().id(), "phase", p.phase().id(),
                "batch", Integer.toString(p.batch()), "seq", Integer.toString(p.seq()),
                "output", Integer.toString(p.output()));
    }

    private static void record(Timer timer, Histogram h) {
        for (HistogramIterationValue v : h.recordedValues()) {
            long ns = h.medianEquivalentValue(v.getValueIteratedTo());
            for (long i = v.getCountAtValueIteratedTo(); i > 0; i--) {
                timer.record(ns, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** {@code KofN} for a run of one shard, else {@code null}. */
    public String shard() {
        return shard;
    }

    /** The registry's state in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
