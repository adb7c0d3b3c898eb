package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The writer side of a run folder: the manifest, the journal {@code trials.jsonl} and the histogram log
 * {@code histograms.hlog}. One process writes a run at a time: the store holds the run's {@link RunLock}, taken
 * before anything in the folder is read or repaired, and released by {@link #close()}.
 *
 * <p>Durability: {@link #append} writes the trial's histogram to the log first, forces it to disk, then the
 * journal line, and forces that, so a journal line always has its histogram. A kill at any point leaves at most
 * an incomplete last line or a last histogram without journal line, which {@link #open} repairs (see
 * {@link #warnings()}); anything else it refuses (see {@link RunFiles}). Failed trials are journalled without a
 * histogram.
 *
 * <p>A new run's folder appears atomically, complete with its three files and locked ({@link RunFolders}), so
 * every run folder that exists can be resumed.
 */
public final class RunStore implements AutoCloseable {

    /**
     * Fault injection for crash tests: with {@code -Dscalebench.fault.stop-after-histogram=N}, the process stops
     * itself (SIGSTOP) right after its N-th histogram is forced to disk, before that trial's journal line: the
     * one moment a kill leaves a histogram without journal line. A test then inspects or kills it, or resumes it
     * with SIGCONT. Unset (the default), nothing happens.
     */
    public static final String STOP_AFTER_HISTOGRAM = "scalebench.fault.stop-after-histogram";
    private static final int STOP_AT = Integer.getInteger(STOP_AFTER_HISTOGRAM, 0);
    private static final java.util.concurrent.atomic.AtomicInteger HISTOGRAMS = new java.util.concurrent.atomic.AtomicInteger();

    private final Path dir;
    private RunManifest manifest;
    private final List<TrialResult> trials;
    private final Set<String> ids;
    private final List<String> warnings;
    private final RunLock lock;
    private final FileChannel journal;
    private final FileChannel hlog;
    private boolean closed;

    /** The run as opened (see {@link #opened()}), or null. */
    private final RunReader opened;

    private RunStore(Path dir, RunManifest manifest, List<TrialResult> trials, List<String> warnings, RunLock lock,
            RunReader opened) {
        this.opened = opened;
        this.dir = dir;
        this.manifest = manifest;
        this.trials = new ArrayList<>(trials);
        this.ids = new LinkedHashSet<>();
        trials.forEach(t -> ids.add(t.trialId()));
        this.warnings = List.copyOf(warnings);
        this.lock = lock;
        FileChannel j = null;
        FileChannel h = null;
        try {
            j = FileChannel.open(dir.resolve(RunFiles.JOURNAL), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            h = FileChannel.open(dir.resolve(RunFiles.HLOG), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            closeQuietly(j);
            closeQuietly(h);
            lock.close();
            throw ScalebenchException.runtime("cannot open " + dir + " for writing: " + e, e);
        }
        this.journal = j;
        this.hlog = h;
    }

    /**
     * Starts a new run in a new folder under {@code resultsRoot} named {@code runId}, or {@code runId-2},
     * {@code runId-3}... when that exists: the manifest ({@code manifestFor} gets the folder's name, the run id),
     * an empty journal and the histogram log's header appear at once, locked (see {@link RunFolders}). Two
     * processes never get the same folder.
     */
    public static RunStore createIn(Path resultsRoot, String runId, Function<String, RunManifest> manifestFor) {
        return opened(RunFolders.place(resultsRoot, RunFolders.numbered(runId), manifestFor, RunStore::emptyFiles,
                "sweep"));
    }

    /**
     * Starts a new run in {@code runDir}, which must not exist or be an empty folder; it appears at once,
     * complete and locked (see {@link RunFolders}).
     *
     * @throws ScalebenchException bad input when {@code runDir} exists and is not an empty folder
     */
    public static RunStore create(Path runDir, RunManifest m) {
        Objects.requireNonNull(m, "manifest");
        Path target = runDir.toAbsolutePath().normalize();
        return opened(RunFolders.place(target.getParent(), RunFolders.exactly(target), id -> m,
                RunStore::emptyFiles, "sweep"));
    }

    private static void emptyFiles(Path dir, RunManifest m) throws IOException {
        createSynced(dir.resolve(RunFiles.JOURNAL), new byte[0]);
        createSynced(dir.resolve(RunFiles.HLOG), HlogFormat.header(m.started()));
    }

    private static RunStore opened(RunFolders.Placed p) {
        return new RunStore(p.dir(), p.manifest(), List.of(), List.of(), p.lock(), null);
    }

    /**
     * Opens an existing run to resume it: takes its lock first (refused, exit 2, naming the holder, when another
     * process has it), then reads the manifest and repairs what a crash left (incomplete last lines, the last
     * histogram without journal line; rewritten atomically), reporting each repair in {@link #warnings()}.
     *
     * @param command a few words naming the command, for the lock's holder line
     * @throws ScalebenchException bad input, naming the file and line, for damage that a crash cannot leave
     *     (nothing is written then), or when the run is open in another process
     */
    public static RunStore open(Path runDir, String command) {
        if (!Files.isRegularFile(runDir.resolve(RunManifest.FILE))) {
            throw ScalebenchException.badInput(runDir + ": not a run folder (no " + RunManifest.FILE + ")");
        }
        RunLock lock = RunLock.acquire(runDir, command);
        try {
            RunFiles.Loaded loaded = RunFiles.load(runDir);
            if (loaded.journalRepaired() != null) {
                AtomicFiles.write(runDir.resolve(RunFiles.JOURNAL), loaded.journalRepaired());
            }
            if (loaded.hlogRepaired() != null) {
                AtomicFiles.write(runDir.resolve(RunFiles.HLOG), loaded.hlogRepaired());
            }
            RunManifest manifest = loaded.manifest();
            if (!loaded.warnings().isEmpty()) {
                // kept in run.json, so that the run's reports say what was repaired
                String when = "resume at " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + ": ";
                manifest = manifest.withRepairs(loaded.warnings().stream().map(w -> when + w).toList());
                manifest.write(runDir.resolve(RunManifest.FILE));
            }
            return new RunStore(runDir, manifest, loaded.trials(), loaded.warnings(), lock,
                    new RunReader(runDir, manifest, loaded.trials(), loaded.histograms(), loaded.warnings(),
                            loaded.series()));
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** Opens an existing run to resume it (see {@link #open(Path, String)}). */
    public static RunStore open(Path runDir) {
        return open(runDir, "resume");
    }

    /**
     * The run as {@link #open} read it (repaired), so that a resume reads its folder once before its first trial;
     * empty for a run this store created.
     */
    public java.util.Optional<RunReader> opened() {
        return java.util.Optional.ofNullable(opened);
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The manifest as last written. */
    public synchronized RunManifest manifest() {
        return manifest;
    }

    /** Replaces the manifest (atomically on disk), e.g. to set the status at the end or on resume. */
    public synchronized void updateManifest(RunManifest m) {
        checkOpen();
        if (!m.runId().equals(manifest.runId())) {
            throw new IllegalArgumentException("run id " + m.runId() + " differs from " + manifest.runId());
        }
        m.write(dir.resolve(RunManifest.FILE));
        manifest = m;
    }

    /** Every journalled trial (OK and failed), in journal order. */
    public synchronized List<TrialResult> trials() {
        return List.copyOf(trials);
    }

    /**
     * Ids of the trials already journalled, OK or failed: a resumed run skips these. (A failed trial is a result,
     * with its reason; re-running it is the caller's choice.)
     */
    public synchronized Set<String> completedTrialIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    }

    /** What {@link #open} repaired, one sentence each, naming file and line; empty for a new or clean run. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Records a finished trial: for an OK trial its histogram (a tagged copy; {@code h} is not modified) is
     * appended to the histogram log and forced to disk, then the journal line is appended and forced.
     *
     * @param r the trial's result
     * @param h latency per iteration in ns; required when {@code r} is OK, ignored (may be null) when failed
     * @throws IllegalArgumentException when the trial is already recorded, or OK without histogram or times
     */
    public synchronized void append(TrialResult r, Histogram h) {
        append(r, h, Map.of());
    }

    /**
     * As {@link #append(TrialResult, Histogram)}, with the trial's further histograms (a generate trial's
     * {@link GenerationSeries}), written right after its own histogram in the same write and forced with it, each
     * tagged {@code <trial id>/<series>}.
     *
     * @param series further histograms by series name (lower-case letters and digits), in the order to write them
     */
    public synchronized void append(TrialResult r, Histogram h, Map<String, Histogram> series) {
        checkOpen();
        if (ids.contains(r.trialId())) {
            throw new IllegalArgumentException("trial " + r.trialId() + " is already recorded in " + dir);
        }
        if (r.ok() && (h == null || r.started() == null || r.ended() == null)) {
            throw new IllegalArgumentException("OK trial " + r.trialId() + " needs a histogram and start/end times");
        }
        try {
            if (r.ok()) {
                java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(1024);
                lines.writeBytes(HlogFormat.line(r.trialId(), h, r.started(), r.ended()));
                for (Map.Entry<String, Histogram> s : series.entrySet()) {
                    lines.writeBytes(HlogFormat.line(HlogFormat.seriesTag(r.trialId(), s.getKey()), s.getValue(),
                            r.started(), r.ended()));
                }
                AtomicFiles.writeFully(hlog, ByteBuffer.wrap(lines.toByteArray()));
                hlog.force(false);
                if (STOP_AT > 0 && HISTOGRAMS.incrementAndGet() == STOP_AT) {
                    stopThisProcess();
                }
            }
            byte[] line = (JournalCodec.encode(r) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.writeFully(journal, ByteBuffer.wrap(line));
            journal.force(false);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot record trial " + r.trialId() + " in " + dir + ": " + e, e);
        }
        trials.add(r);
        ids.add(r.trialId());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("run store " + dir + " is closed");
        }
    }

    /** Closes the files and releases the run's lock; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(journal);
        closeQuietly(hlog);
        lock.close();
    }

    /**
     * SIGSTOP to this process (see {@link #STOP_AFTER_HISTOGRAM}); returns once it is continued (SIGCONT). The
     * signal is aimed at this thread's id (Linux's {@code /proc/thread-self}), so the kernel wakes this very thread
     * to take it; aimed at the process id it may go to another thread, which a busy machine may not run for a
     * while, and this one carried on meanwhile (and journaled the trial). Belt and braces: this thread also waits
     * for the SIGCONT itself.
     */
    private static void stopThisProcess() {
        String target = Long.toString(ProcessHandle.current().pid());
        try {
            target = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        } catch (IOException | RuntimeException e) {
            // not Linux: the process id
        }
        java.util.concurrent.CountDownLatch continued = new java.util.concurrent.CountDownLatch(1);
        try {
            onSignal("CONT", continued::countDown);
            new ProcessBuilder("kill", "-STOP", target).inheritIO().start().waitFor();
            continued.await();
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("fault injection: cannot stop this process: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code sun.misc.Signal.handle(new Signal(name), handler)}, through reflection (jdk.unsupported). */
    private static void onSignal(String name, Runnable action) throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                (p, method, args) -> {
                    if (method.getName().equals("handle")) {
                        action.run();
                    }
                    return null;
                });
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name),
                proxy);
    }

    private static void createSynced(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            AtomicFiles.writeFully(ch, ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
