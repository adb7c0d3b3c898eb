package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.history.History;
import dev.scalebench.sweep.SweepService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalebench history index}: adds run folders to the history. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {
            "Adds run folders to the history (or refreshes them: a run indexed again replaces its old rows). A sweep indexes the run it finishes; use this after a merge, for runs made with --no-history or elsewhere, or to backfill. Reads run.json, trials.jsonl and histograms.hlog; a folder that cannot be read is reported and the others are still indexed (exit code 2 then).",
            ""},
        footer = {"", "Examples:",
            "  scalebench history index results/20261122-081500-nightly",
            "  scalebench history index results/2026*  --history-url jdbc:postgresql://db/bench?user=sb"})
final class HistoryIndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (holding run.json).")
    List<Path> dirs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = 0;
        int indexed = 0;
        try (History h = History.open(history.url(locations))) {
            for (Path dir : dirs) {
                try {
                    RunMetrics m = index(h, dir, err);
                    indexed++;
                    out.printf(Locale.ROOT, "indexed %s: %s, %d points, %d trials, %d failed (%s)%n", m.runId(),
                            m.status(), m.points().size(), m.trials().size(),
                            m.failedTrials().values().stream().mapToInt(Integer::intValue).sum(), dir);
                } catch (ScalebenchException e) {
                    err.println("scalebench: " + e.getMessage());
                    code = Math.max(code, e.exitCode());
                }
            }
            out.printf(Locale.ROOT, "%d of %d run%s indexed into the %s%n", indexed, dirs.size(),
                    dirs.size() == 1 ? "" : "s", h.describe());
        }
        return code;
    }

    /** Reads the run in {@code dir} (its in-memory repairs noted on {@code err}) and indexes it. */
    static RunMetrics index(History h, Path dir, PrintWriter err) {
        if (!SweepService.isRunDir(dir)) {
            throw ScalebenchException.badInput(dir + ": not a run folder (no run.json)");
        }
        RunMetrics m = RunMetrics.of(RepairedReads.read("history index", dir, err));
        h.index(m, dir);
        return m;
    }
}
