package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The writer side of a run folder: the manifest, the journal {@code trials.jsonl} and the histogram log
 * {@code histograms.hlog}. One process appends at a time (the journal is locked while the store is open).
 *
 * <p>Durability: {@link #append} writes the trial's histogram to the log first, forces it to disk, then the
 * journal line, and forces that, so a journal line always has its histogram. A kill at any point leaves at most
 * an incomplete last line or a histogram without journal line, which {@link #open} repairs (see
 * {@link #warnings()}). Failed trials are journalled without a histogram.
 */
public final class RunStore implements AutoCloseable {

    private final Path dir;
    private RunManifest manifest;
    private final List<TrialResult> trials;
    private final Set<String> ids;
    private final List<String> warnings;
    private final FileChannel journal;
    private final FileChannel hlog;
    private final FileLock lock;
    private boolean closed;

    private RunStore(Path dir, RunManifest manifest, List<TrialResult> trials, List<String> warnings) {
        this.dir = dir;
        this.manifest = manifest;
        this.trials = new ArrayList<>(trials);
        this.ids = new LinkedHashSet<>();
        trials.forEach(t -> ids.add(t.trialId()));
        this.warnings = List.copyOf(warnings);
        FileChannel j = null;
        FileChannel h = null;
        try {
            j = FileChannel.open(dir.resolve(RunFiles.JOURNAL), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            h = FileChannel.open(dir.resolve(RunFiles.HLOG), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            FileLock l;
            try {
                l = j.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                throw ScalebenchException.badInput(dir + ": the run is open in another scalebench process");
            }
            this.lock = l;
        } catch (IOException | RuntimeException e) {
            closeQuietly(j);
            closeQuietly(h);
            if (e instanceof ScalebenchException se) {
                throw se;
            }
            throw ScalebenchException.runtime("cannot open " + dir + " for writing: " + e, e);
        }
        this.journal = j;
        this.hlog = h;
    }

    /**
     * Starts a new run in {@code runDir} (created when missing): writes the manifest, an empty journal and the
     * histogram log's header.
     *
     * @throws ScalebenchException bad input when {@code runDir} exists and is not an empty folder
     */
    public static RunStore create(Path runDir, RunManifest m) {
        Objects.requireNonNull(m, "manifest");
        try {
            if (Files.exists(runDir)) {
                if (!Files.isDirectory(runDir)) {
                    throw ScalebenchException.badInput(runDir + " exists and is not a folder");
                }
                try (Stream<Path> s = Files.list(runDir)) {
                    if (s.findAny().isPresent()) {
                        throw ScalebenchException.badInput(runDir + " exists and is not empty; choose another run "
                                + "folder, or resume the run that is there");
                    }
                }
            }
            Files.createDirectories(runDir);
            m.write(runDir.resolve(RunManifest.FILE));
            createSynced(runDir.resolve(RunFiles.JOURNAL), new byte[0]);
            createSynced(runDir.resolve(RunFiles.HLOG), HlogFormat.header(m.started()));
            AtomicFiles.syncDirectory(runDir);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot create run folder " + runDir + ": " + e, e);
        }
        return new RunStore(runDir, m, List.of(), List.of());
    }

    /**
     * Opens an existing run to resume it: reads the manifest, repairs what a crash left (incomplete last lines,
     * orphan histograms, duplicates; rewritten atomically) and reports each repair in {@link #warnings()}.
     *
     * @throws ScalebenchException bad input, naming the file and line, for damage that cannot be repaired
     */
    public static RunStore open(Path runDir) {
        RunFiles.Loaded loaded = RunFiles.load(runDir);
        if (loaded.journalRepaired() != null) {
            AtomicFiles.write(runDir.resolve(RunFiles.JOURNAL), loaded.journalRepaired());
        }
        if (loaded.hlogRepaired() != null) {
            AtomicFiles.write(runDir.resolve(RunFiles.HLOG), loaded.hlogRepaired());
        }
        return new RunStore(runDir, loaded.manifest(), loaded.trials(), loaded.warnings());
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
        checkOpen();
        if (ids.contains(r.trialId())) {
            throw new IllegalArgumentException("trial " + r.trialId() + " is already recorded in " + dir);
        }
        if (r.ok() && (h == null || r.started() == null || r.ended() == null)) {
            throw new IllegalArgumentException("OK trial " + r.trialId() + " needs a histogram and start/end times");
        }
        try {
            if (r.ok()) {
                AtomicFiles.writeFully(hlog, ByteBuffer.wrap(HlogFormat.line(r.trialId(), h, r.started(), r.ended())));
                hlog.force(false);
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

    /** Releases the lock and closes the files; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(journal);
        closeQuietly(hlog);
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
