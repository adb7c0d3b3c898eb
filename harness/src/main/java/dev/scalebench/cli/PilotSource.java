package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pilot {@code plan --pilot RUN_DIR | --from-history} sizes from: its trial statistics, and its run folder read
 * once when there is one. A pilot named by {@code --pilot} is its folder. A pilot from the history is the newest good
 * run of the sweep whose fingerprint matches this machine's backend, CPU and OS ({@link History#latest}); its
 * statistics come from the history, its folder from the path the history recorded when it indexed the run. That
 * folder may be gone (moved, cleaned up) or never recorded: then {@link #run()} is null and {@link #folderMissing()}
 * says why, for the parts that need the raw data (the fits' simulation, the memory readings).
 *
 * @param metrics the pilot's trial statistics
 * @param run the pilot's run folder, read; null when the history's folder is gone or was never recorded
 * @param source the pilot in words, for the header and errors
 * @param folder the run folder's path as given or recorded; null when the history recorded none
 */
record PilotSource(RunMetrics metrics, Run run, String source, String folder) {

    /** The pilot in {@code dir}, named by {@code --pilot}; its read repairs are noted on {@code out}. */
    static PilotSource folder(Path dir, PrintWriter out) {
        if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
            throw ScalebenchException.badInput("--pilot " + dir + ": not a run folder (no " + RunManifest.FILE
                    + "); name a folder that 'scalebench sweep' wrote under results/, or use --from-history");
        }
        Run run = RepairedReads.read("plan", dir, out);
        return new PilotSource(RunMetrics.of(run), run, dir.toString(), dir.toString());
    }

    /**
     * The newest good run of {@code sweep} in the history at {@code url} with this machine's fingerprint, and its
     * folder when that still holds the same run.
     */
    static PilotSource history(SweepSpec sweep, String url, PrintWriter out) {
        Map<String, String> here = Fingerprint.select(Fingerprint.collect(Map.of("backend", sweep.backend()),
                Path.of(".")), List.of("backend", "cpu.model", "cpu.cores", "os.name"));
        HistoryEntry e;
        RunMetrics metrics;
        try (History h = History.open(url)) {
            e = h.latest(sweep.name(), here, null).orElseThrow(() -> ScalebenchException.badInput(
                    "--from-history: the history (" + History.redact(url) + ") has no good run of sweep '"
                            + sweep.name() + "' on this machine (" + here + "); run the sweep once, index it"
                            + " ('scalebench history index'), or name a run with --pilot RUN_DIR"));
            metrics = h.load(e.runId()).orElseThrow();
        }
        String source = "from the history" + (e.dir() == null ? "" : ", folder " + e.dir());
        Run run = null;
        if (e.dir() != null && sameRun(Path.of(e.dir()), e.runId())) {
            run = RepairedReads.read("plan", Path.of(e.dir()), out);
        }
        return new PilotSource(metrics, run, source, e.dir());
    }

    /** Whether {@code dir} still holds run {@code runId} (its run.json names it). */
    private static boolean sameRun(Path dir, String runId) {
        if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
            return false;
        }
        try {
            return RunManifest.read(dir.resolve(RunManifest.FILE)).runId().equals(runId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why there is no run folder to read, in words ("&lt;path&gt; no longer exists"); only when {@link #run()} is null. */
    String folderMissing() {
        if (folder == null) {
            return "history run " + metrics.runId() + " was indexed without its run folder";
        }
        return Files.exists(Path.of(folder)) ? folder + " no longer holds run " + metrics.runId() : folder
                + " no longer exists";
    }
}
