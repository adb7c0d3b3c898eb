package dev.scalebench.sweep;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.history.History;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What happens to a run after its last trial, in memory, on the {@link Run} read once: the flags line, the analysis
 * and its reports ({@code fits.json}, {@code report.html}, {@code report.md}), then the entry in the history. A sweep
 * ({@link SweepService}) and a merge run the same steps; the CLI only resolves the options and prints.
 *
 * <p>The measurements are safe on disk before any step runs: an analysis that fails makes the command fail (exit
 * code of the error) after saying how to retry, and a history that cannot be written is a warning naming the
 * command that adds the run later.
 */
public final class RunPipeline {

    /** The analysis as the options resolve it: a dataset in, its analysis out. */
    @FunctionalInterface
    public interface Analyze {
        /**
         * Analyses {@code data}.
         *
         * @throws ScalebenchException when the options do not fit the data
         */
        Analysis analyze(Dataset data);
    }

    /**
     * Where runs are indexed.
     *
     * @param url the history database's JDBC URL (secrets are masked in every message)
     * @param retry the command that indexes the run later, printed when indexing fails
     */
    public record HistoryTarget(String url, String retry) { }

    private final Analyze analyze;
    private final HistoryTarget history;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param analyze the analysis, or null for none ({@code --no-analyze})
     * @param history where to index the run, or null for nowhere ({@code --no-history})
     * @param out where results are told
     * @param err where warnings go
     */
    public RunPipeline(Analyze analyze, HistoryTarget history, PrintWriter out, PrintWriter err) {
        this.analyze = analyze;
        this.history = history;
        this.out = out;
        this.err = err;
    }

    /**
     * The steps after the last trial of {@code run} ({@code what}: {@code sweep} or {@code merge}, for messages):
     * flags line, analysis and reports, history. Reads nothing from the run folder.
     *
     * @return the exit code: 0, or the analysis error's
     */
    public int finish(Run run, String what) {
        AnalysisReports.flags(run, out);
        out.println("results: " + run.dir());
        out.flush();
        int code = 0;
        if (analyze != null) {
            try {
                AnalysisReports.write(run.dir(), analyze.analyze(RunDatasets.from(run)), out);
            } catch (ScalebenchException e) {
                // the measurements are safe on disk; say so, and fail the command so a pipeline notices
                err.println("scalebench: the " + what + " " + (what.equals("merge") ? "is complete" : "finished")
                        + ", but its analysis failed: " + e.getMessage() + " (" + (what.equals("merge") ? ""
                                : "the results are complete; ") + "retry with: scalebench analyze " + run.dir() + ")");
                err.flush();
                code = e.exitCode();
            }
        }
        if (history != null) {
            index(run, null);
        }
        return code;
    }

    /**
     * Adds {@code run} to the history, as a run that ended with {@code status} ({@code INTERRUPTED}, {@code FAILED};
     * null: as its manifest says). A failure is a warning naming {@link HistoryTarget#retry()}, never an error: the
     * run itself is on disk.
     */
    public void index(Run run, RunManifest.Status status) {
        if (history == null) {
            return;
        }
        String what = status == null ? "the run" : "the " + status + " run";
        try (History h = History.open(history.url())) {
            h.index(RunMetrics.of(run), run.dir());
            out.println("history: " + (status == null ? "" : status + " run ") + "added to the " + h.describe());
        } catch (RuntimeException e) {
            err.println("scalebench: warning: " + what + " was not added to the history ("
                    + Secrets.mask(e.getMessage(), history.url()) + "); the results "
                    + (status == null ? "are complete" : "on disk are intact") + "; retry with: " + history.retry());
        }
        out.flush();
        err.flush();
    }

    /**
     * As {@link #index(Run, RunManifest.Status)} for a run that stopped ({@code INTERRUPTED}, {@code FAILED}) and is
     * read here; a run that cannot be read is a warning like any other history failure.
     */
    public void indexStopped(Path dir, RunManifest.Status status) {
        if (history == null) {
            return;
        }
        Run run;
        try {
            run = Run.read(dir);
        } catch (RuntimeException e) {
            err.println("scalebench: warning: the " + status + " run was not added to the history ("
                    + e.getMessage() + "); the results on disk are intact; retry with: " + history.retry());
            err.flush();
            return;
        }
        index(run, status);
    }
}
