package dev.scalebench.sweep;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Version;
import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.config.SpecJson;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.measure.Clock;
import dev.scalebench.measure.GcMonitor;
import dev.scalebench.metrics.MetricsExport;
import dev.scalebench.metrics.SweepMetrics;
import dev.scalebench.plan.CostModel;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.Planner;
import dev.scalebench.config.Trim;
import dev.scalebench.plan.Shard;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Trial;
import dev.scalebench.plan.TrialId;
import dev.scalebench.progress.Progress;
import dev.scalebench.config.Threads;
import dev.scalebench.measure.TrialSensor;
import dev.scalebench.measure.linux.CpuTopology;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.TrialResult;
import dev.scalebench.results.RunIds;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.RunStore;
import dev.scalebench.results.SummaryWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The main job: plans a sweep, opens its backend, runs every trial into a new run folder (or finishes an
 * interrupted one), then writes the summary and marks the run complete.
 *
 * <p>If the process is stopped (Ctrl-C, SIGTERM) the manifest is marked {@code INTERRUPTED} by a shutdown hook;
 * after {@code kill -9} it stays {@code RUNNING}. Either way the journal holds every finished trial and
 * {@link #resume(Path)} completes the rest.
 */
public final class SweepService {
    private final Path resultsRoot;
    private final Path projectDir;
    private final PrintStream err;
    private final boolean terminal;
    private final Duration progressInterval;
    private Trim trim; // --trim; null: the spec's rule
    private MetricsExport metricsExport = MetricsExport.FILE_ONLY;
    private Stopped stopped = Stopped.NOTHING;
    private Function<Backend, TrialSensor> sensors = TrialSensors::forBackend;

    /**
     * @param resultsRoot where run folders are created
     * @param projectDir the project checkout (for the git commit in the fingerprint)
     * @param err where progress goes
     * @param terminal draw a progress bar instead of lines
     * @param progressInterval minimum time between plain progress lines
     */
    public SweepService(Path resultsRoot, Path projectDir, PrintStream err, boolean terminal, Duration progressInterval) {
        this.resultsRoot = resultsRoot;
        this.projectDir = projectDir;
        this.err = err;
        this.terminal = terminal;
        this.progressInterval = progressInterval;
    }

    /**
     * Trims a plan over its budget by {@code rule} ({@code sweep --trim}), overriding the spec's {@code trim:};
     * null leaves the spec's rule ({@link Trim#OPTIMAL} when it names none). The run's stored spec records the rule.
     */
    public SweepService trim(Trim rule) {
        this.trim = rule;
        return this;
    }

    /** Where metrics go besides each run's {@code metrics.prom} (Pushgateway, scrape endpoint). */
    public SweepService metrics(MetricsExport export) {
        this.metricsExport = export;
        return this;
    }

    /**
     * What to do with a run that stopped before its end (e.g. add it to the history with its status), after its
     * manifest says so; best effort: what it throws is ignored.
     */
    @FunctionalInterface
    public interface Stopped {
        /**
         * Called once: from the shutdown hook ({@code INTERRUPTED}: the JVM is going down, so be quick) or when
         * the run failed ({@code FAILED}, before the error propagates).
         */
        void stopped(Path dir, RunManifest.Status status);

        /** Nothing. */
        Stopped NOTHING = (dir, status) -> { };
    }

    /**
     * How the sensors that read the machine around each measured loop are chosen (default
     * {@link TrialSensors#forBackend}); tests script them.
     */
    public SweepService sensors(Function<Backend, TrialSensor> choose) {
        this.sensors = choose;
        return this;
    }

    /** What to do with a run that is interrupted or fails ({@link Stopped}). */
    public SweepService onStop(Stopped then) {
        this.stopped = then;
        return this;
    }

    /**
     * A run that completed.
     *
     * @param dir its folder
     * @param trials trials in the whole run
     * @param failedNow trials that failed in this session (not counting those journaled before a resume)
     * @param run the run, read once after its last trial, with its final manifest: what every later step uses
     */
    public record Outcome(Path dir, int trials, int failedNow, Run run) { }

    /**
     * What to do with a finished run while this process still holds its lock (analysis, indexing into the
     * history), so that no other process can resume or merge it meanwhile.
     */
    @FunctionalInterface
    public interface AfterRun {
        /** Called once, after the run's trials and summary are written; the store is still open. */
        void finished(Outcome outcome);

        /** Nothing. */
        AfterRun NOTHING = o -> { };
    }

    /** Plans {@code spec} on its backend's device and runs it into a new run folder. */
    public Outcome start(SweepSpec requested, String specFile) {
        return start(requested, specFile, null, AfterRun.NOTHING);
    }

    /**
     * Plans {@code spec} on its backend's device and runs the points of {@code shard} (all points when null)
     * into a new run folder, {@code <time>-<name>-<K>of<N>} for a shard. A shard's budget applies to its own
     * points; its manifest records the shard and lists the other shards' points as dropped. Everything the
     * manifest needs (plan, fingerprint) is collected before the folder appears, and the folder appears complete
     * and locked, so a kill at any moment leaves either no run folder or a resumable one.
     */
    public Outcome start(SweepSpec requested, String specFile, Shard shard, AfterRun after) {
        RunStore store = null;
        try {
            Outcome outcome;
            try (Backend backend = BackendProvider.find(requested.backend()).open(requested.device(), requested.seed())) {
                // Points and the stored spec name the device that actually runs ("auto" resolved), so a resumed
                // run asks for the same device.
                SweepSpec spec = requested.withDevice(backend.device().id()).withTrim(requested.trimRule(trim));
                long memory = spec.deviceMemoryBytes() != null ? spec.deviceMemoryBytes() : backend.device().memoryBytes();
                CostModel cost = CostModel.forDevice(backend.device().isGpu());
                Plan plan = new Planner(cost, spec.trim()).plan(spec, memory, shard);
                Map<String, String> fingerprint = Fingerprint.collect(TrialSensors.fingerprint(backend,
                        engineFacts(backend, spec)), projectDir);
                Instant now = Instant.now();
                store = RunStore.createIn(resultsRoot, RunIds.newRunId(spec.name(),
                        shard == null ? null : shard.label(), now), manifestFor(spec, specFile, plan, shard,
                        fingerprint, now));
                err.printf("run %s: %d points, %d trials, estimated %s on %s%s%n", store.manifest().runId(),
                        plan.points().size(), plan.trials().size(), dev.scalebench.progress.Eta.format(plan.totalEstimate()),
                        backend.device().name(), shard == null ? "" : " (shard " + shard + ")");
                outcome = execute(backend, spec, store, plan.points(), t -> cost.trialTime(t.point(), spec.measure()));
            }
            after.finished(outcome);
            return outcome;
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The new run's manifest for a run id (its folder's name), from facts collected before the folder exists. */
    private static Function<String, RunManifest> manifestFor(SweepSpec spec, String specFile, Plan plan, Shard shard,
            Map<String, String> fingerprint, Instant started) {
        RunManifest.Plan entries = manifestPlan(plan, shard);
        RunManifest.ShardInfo shardInfo = shard == null ? null : new RunManifest.ShardInfo(shard.index(),
                shard.count(), Shard.planDigest(SpecJson.toJson(spec).toString(),
                        plan.infeasible().stream().map(x -> x.point().id()).toList()));
        return id -> {
            RunManifest m = RunManifest.running(id, Version.get(), started, specFile, SpecJson.toJson(spec),
                    fingerprint, entries);
            return shardInfo == null ? m : m.withShard(shardInfo);
        };
    }

    /** Finishes an interrupted run: the trials in its manifest that its journal does not hold yet. */
    public Outcome resume(Path runDir) {
        return resume(runDir, AfterRun.NOTHING);
    }

    /**
     * Finishes an interrupted run: the trials in its manifest that its journal does not hold yet. The run's lock
     * is taken before any of its files is read, and held until {@code after} has returned. A run that is
     * complete is left as it is (nothing is written) and handed to {@code after}.
     *
     * @throws ScalebenchException bad input when another process has the run open, or its files hold damage
     *     that a crash cannot leave (nothing is written then)
     */
    public Outcome resume(Path runDir, AfterRun after) {
        try (RunStore store = RunStore.open(runDir, "sweep --resume")) {
            for (String w : store.warnings()) {
                err.println("resume: " + w);
            }
            RunManifest manifest = store.manifest();
            if (manifest.spec() == null) {
                throw ScalebenchException.badInput(runDir.resolve(RunManifest.FILE) + ": has no resolved spec; cannot resume");
            }
            SweepSpec spec = SpecJson.fromJson(manifest.spec());
            Map<String, SweepPoint> byId = new HashMap<>();
            for (SweepPoint p : Planner.expand(spec)) {
                byId.put(p.id(), p);
            }
            List<SweepPoint> points = new ArrayList<>();
            for (RunManifest.PointEntry e : manifest.plan().points()) {
                SweepPoint p = byId.get(e.id());
                if (p == null) {
                    throw ScalebenchException.badInput(runDir.resolve(RunManifest.FILE) + ": point " + e.id()
                            + " is not in the run's own spec; the manifest was edited or is from another version");
                }
                points.add(p);
            }
            List<Trial> all = trials(manifest, points);
            Set<String> done = store.completedTrialIds();
            if (manifest.status() == RunManifest.Status.COMPLETE && all.stream().allMatch(t -> done.contains(t.id()))) {
                err.printf("resume: %s is complete (%d trials); nothing to run%n", runDir, all.size());
                Outcome outcome = new Outcome(store.dir(), all.size(), 0, store.opened().map(Run::of)
                        .orElseGet(() -> Run.read(store.dir())));
                after.finished(outcome);
                return outcome;
            }
            Outcome outcome;
            BackendProvider provider = BackendProvider.find(spec.backend());
            try (Backend backend = provider.open(spec.device(), spec.seed())) {
                CostModel cost = CostModel.forDevice(backend.device().isGpu());
                warnOnEnvironmentChange(provider.resumeKeys(), manifest.fingerprint(),
                        Fingerprint.collect(engineFacts(backend, spec), projectDir));
                store.updateManifest(manifest.withStatus(RunManifest.Status.RUNNING, null));
                outcome = execute(backend, spec, store, points, t -> cost.trialTime(t.point(), spec.measure()));
            }
            after.finished(outcome);
            return outcome;
        }
    }

    private Outcome execute(Backend backend, SweepSpec spec, RunStore store, List<SweepPoint> points,
            Function<Trial, Duration> estimate) {
        RunManifest manifest = store.manifest();
        List<Trial> all = trials(manifest, points);
        Set<String> done = store.completedTrialIds();
        List<Trial> pending = all.stream().filter(t -> !done.contains(t.id())).toList();

        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            // Ctrl-C or SIGTERM. The sweep's thread runs on while the JVM goes down: holding the store (its
            // methods are synchronized) keeps it from journaling more trials, so the count below stays true.
            synchronized (store) {
                if (finished.compareAndSet(false, true)) {
                    markQuietly(store, manifest.withStatus(RunManifest.Status.INTERRUPTED, Instant.now()));
                    tell(stopped, store.dir(), RunManifest.Status.INTERRUPTED);
                    err.printf("%sinterrupted after %d of %d trials — resume with: scalebench sweep --resume %s%n",
                            terminal ? "\n" : "", store.completedTrialIds().stream().map(TrialId::baseOf)
                                    .distinct().count(), all.size(), store.dir());
                    err.flush();
                }
            }
        }, "scalebench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        TrialSensors.notices(manifest.fingerprint()).forEach(err::println);
        SweepMetrics metrics = sweepMetrics(backend, spec, store, points, all.size(), !done.isEmpty());
        metricsExport.live(metrics);
        int failed;
        try {
            SweepRunner runner = new SweepRunner(backend, spec.measure(), store, Clock.system(), GcMonitor.jvm(),
                    MemoryProbes.forBackend(backend), java.time.Clock.systemUTC())
                    .observe(metrics::trialFinished).sense(sensors.apply(backend));
            try (Progress progress = Progress.create(err, terminal, done.size(), all.size(),
                    pending.stream().map(estimate).reduce(Duration.ZERO, Duration::plus), progressInterval)) {
                failed = runner.run(pending, estimate, progress, done.size(), all.size());
            }
            failed += remeasure(runner, spec, store, all, estimate);
        } catch (RuntimeException | Error e) {
            if (finished.compareAndSet(false, true)) {
                markQuietly(store, manifest.withStatus(RunManifest.Status.FAILED, Instant.now()));
                tell(stopped, store.dir(), RunManifest.Status.FAILED);
            }
            metrics.close();
            throw e;
        } finally {
            removeHook(hook);
        }
        // the one read of the run folder after the last trial: every later step works on this model
        Run run = Run.read(store.dir());
        SummaryWriter.write(run);
        try (metrics) {
            metricsExport.finish(store.dir(), metrics, err);
        }
        if (finished.compareAndSet(false, true)) {
            store.updateManifest(manifest.withStatus(RunManifest.Status.COMPLETE, Instant.now()));
        }
        return new Outcome(store.dir(), all.size(), failed, run.withManifest(store.manifest()));
    }

    /**
     * The backend's fingerprint facts after its thread counts were set from the spec's {@code threads:} (intra-op
     * defaulting to the physical cores available to this process): the counts in force are facts of the run.
     */
    static Map<String, String> engineFacts(Backend backend, SweepSpec spec) {
        Threads t = spec.threadsOrDefault();
        Map<String, String> applied = backend.applyThreads(t.intraOp(CpuTopology.of().physicalCores()),
                t.interOpResolved());
        Map<String, String> facts = new java.util.LinkedHashMap<>(backend.fingerprint());
        facts.putAll(applied);
        return facts;
    }

    /**
     * Measures again, at the end of the sweep, the trials flagged interfered (the spec's {@code remeasure:}),
     * pass after pass while some stay interfered and the policy allows more; returns how many failed.
     */
    private int remeasure(SweepRunner runner, SweepSpec spec, RunStore store, List<Trial> all,
            Function<Trial, Duration> estimate) {
        int failed = 0;
        while (true) {
            List<TrialResult> journal = store.trials();
            List<Trial> due = Remeasurements.due(all, journal, spec.remeasureOrDefault(),
                    Remeasurements.nextSequence(journal, all.size()));
            if (due.isEmpty()) {
                return failed;
            }
            err.printf("remeasure: %d trial%s flagged interfered (other work held the CPU); measuring %s again"
                    + " (remeasure: %s)%n", due.size(), due.size() == 1 ? "" : "s", due.size() == 1 ? "it" : "them",
                    spec.remeasureOrDefault().id());
            try (Progress progress = Progress.create(err, terminal, 0, due.size(),
                    due.stream().map(estimate).reduce(Duration.ZERO, Duration::plus), progressInterval)) {
                failed += runner.run(due, estimate, progress, 0, due.size());
            }
        }
    }

    /** The run's meters; on a resume, with the trials journaled before it replayed into them. */
    private SweepMetrics sweepMetrics(Backend backend, SweepSpec spec, RunStore store, List<SweepPoint> points,
            int total, boolean resumed) {
        RunManifest.ShardInfo shard = store.manifest().shard();
        SweepMetrics metrics = new SweepMetrics(spec.name(), backend.name(), backend.device(), points, total,
                shard == null ? null : shard.index() + "of" + shard.count());
        if (backend.deviceMemoryPeakBytes().isPresent()) {
            metrics.deviceMemoryPeak(() -> backend.deviceMemoryPeakBytes().orElse(-1));
        }
        if (resumed) {
            try {
                RunReader earlier = store.opened().orElseGet(() -> RunReader.read(store.dir()));
                earlier.trials().forEach(t -> metrics.trialFinished(t, earlier.histogram(t.trialId()),
                        earlier.series().getOrDefault(t.trialId(), Map.of())));
            } catch (RuntimeException e) {
                err.println("metrics: warning: the trials before the resume are not in the metrics: " + e.getMessage());
            }
        }
        return metrics;
    }

    /** The run's trials in manifest order, each with its point. */
    static List<Trial> trials(RunManifest manifest, List<SweepPoint> points) {
        Map<String, SweepPoint> byId = new HashMap<>();
        points.forEach(p -> byId.put(p.id(), p));
        List<Trial> trials = new ArrayList<>();
        List<String> order = manifest.plan().trialOrder();
        for (int i = 0; i < order.size(); i++) {
            String id = order.get(i);
            TrialId trial;
            try {
                trial = TrialId.parse(id);
            } catch (IllegalArgumentException e) {
                throw ScalebenchException.badInput(RunManifest.FILE + ": trial order: " + e.getMessage());
            }
            SweepPoint p = byId.get(trial.point().toString());
            if (p == null) {
                throw ScalebenchException.badInput(RunManifest.FILE + ": trial " + id + " names no planned point");
            }
            trials.add(new Trial(p, trial.replicate(), i));
        }
        return trials;
    }

    private static RunManifest.Plan manifestPlan(Plan plan, Shard shard) {
        List<RunManifest.Excluded> dropped = new ArrayList<>(
                plan.dropped().stream().map(x -> new RunManifest.Excluded(x.point().id(), x.reason())).toList());
        if (shard != null) {
            Set<String> infeasible = new java.util.HashSet<>();
            plan.infeasible().forEach(x -> infeasible.add(x.point().id()));
            for (SweepPoint p : Planner.expand(plan.spec())) {
                int owner = Shard.owner(p.id(), shard.count());
                if (owner != shard.index() && !infeasible.contains(p.id())) {
                    dropped.add(new RunManifest.Excluded(p.id(), Shard.ELSEWHERE + owner + "/" + shard.count()));
                }
            }
        }
        return new RunManifest.Plan(
                plan.points().stream().map(RunManifest.PointEntry::of).toList(),
                plan.trials().stream().map(Trial::id).toList(),
                plan.infeasible().stream().map(x -> new RunManifest.Excluded(x.point().id(), x.reason())).toList(),
                dropped);
    }

    private static void markQuietly(RunStore store, RunManifest m) {
        try {
            store.updateManifest(m);
        } catch (RuntimeException ignored) {
            // best effort while the JVM goes down; the journal is intact either way
        }
    }

    private static void tell(Stopped then, Path dir, RunManifest.Status status) {
        try {
            then.stopped(dir, status);
        } catch (RuntimeException ignored) {
            // best effort, like the status itself: the journal is intact either way
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    /** Whether a folder looks like a run folder. */
    public static boolean isRunDir(Path dir) {
        return Files.isRegularFile(dir.resolve(RunManifest.FILE));
    }

    /**
     * Host fingerprint fields that must not change between the two halves of a resumed run; the backend's own
     * follow them ({@link BackendProvider#resumeKeys()}).
     */
    static final List<String> RESUME_FIELDS = List.of("cpu.model", "cpu.cores", "jvm.version", "git.commit");

    private void warnOnEnvironmentChange(List<String> backendKeys, Map<String, String> before,
            Map<String, String> now) {
        for (String key : java.util.stream.Stream.concat(RESUME_FIELDS.stream(), backendKeys.stream()).toList()) {
            String a = before.get(key);
            String b = now.get(key);
            if (a != null && b != null && !a.equals(b)) {
                err.printf("resume: warning: %s was '%s' when the run started and is '%s' now; this run will mix"
                        + " trials from both environments%n", key, a, b);
            }
        }
    }
}
