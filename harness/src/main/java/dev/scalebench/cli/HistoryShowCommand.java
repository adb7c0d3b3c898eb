package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalebench history show}: one indexed run. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {
            "Shows one indexed run: its status, times, device, commit and folder, its environment fingerprint, and its OK and failed trials per point (the points that differ from the rest).",
            ""},
        footer = {"", "Example:", "  scalebench history show 20261122-081500-nightly"})
final class HistoryShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id (see 'scalebench history list').")
    String runId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> file = history.defaultFile(locations);
        if (file.isPresent() && !Files.exists(file.get())) {
            throw ScalebenchException.badInput("no run " + runId + ": the history is empty (no database at "
                    + file.get() + ")");
        }
        try (History h = History.open(history.url(locations))) {
            HistoryEntry e = h.entry(runId).orElseThrow(() -> ScalebenchException.badInput("no run " + runId
                    + " in the " + h.describe() + " (see: scalebench history list)"));
            RunMetrics m = h.load(runId).orElseThrow();
            out.printf("run      %s%n", e.runId());
            out.printf("sweep    %s%n", e.sweep());
            out.printf(Locale.ROOT, "status   %s%s%n", e.status(), e.good() ? " (good)"
                    : e.failedTrials() > 0 ? ", " + e.failedTrials() + " failed trial" + (e.failedTrials() == 1 ? "" : "s")
                    + " (not good)" : " (not good)");
            out.printf("started  %s UTC%n", HistoryListCommand.UTC.format(e.started()));
            out.printf("ended    %s%n", e.ended() == null ? "-" : HistoryListCommand.UTC.format(e.ended()) + " UTC");
            out.printf("device   %s%n", e.device());
            out.printf("commit   %s%n", e.gitCommit());
            out.printf("spec     %s%n", e.specHash().isEmpty() ? "-" : "sha256 " + e.specHash());
            out.printf("folder   %s%n", e.dir() == null ? "-" : e.dir());
            out.printf(Locale.ROOT, "%nfingerprint (%d facts):%n", e.fingerprint().size());
            e.fingerprint().forEach((k, v) -> out.printf("  %s = %s%n", k, v));
            points(out, m);
        }
        return 0;
    }

    /** Trials per point: the most common count (the larger on a tie), and the points that differ or failed. */
    private static void points(PrintWriter out, RunMetrics m) {
        Map<String, List<TrialValues>> byPoint = m.trialsByPoint();
        Map<Integer, Integer> counts = new TreeMap<>();
        m.points().forEach(p -> counts.merge(byPoint.getOrDefault(p.id(), List.of()).size(), 1, Integer::sum));
        int usual = counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
        List<List<String>> rows = new ArrayList<>();
        for (PointEntry p : m.points()) {
            int ok = byPoint.getOrDefault(p.id(), List.of()).size();
            int failed = m.failedTrials().getOrDefault(p.id(), 0);
            if (ok != usual || failed > 0) {
                rows.add(List.of("  " + p.id(), Integer.toString(ok), Integer.toString(failed)));
            }
        }
        out.printf(Locale.ROOT, "%npoints: %d, %d OK trial%s each%s%n", m.points().size(), usual, usual == 1 ? "" : "s",
                rows.isEmpty() ? ", none failed" : ", except:");
        if (!rows.isEmpty()) {
            TextTable.print(out, List.of("  point", "trials", "failed"), rows, false, true, true);
        }
    }
}
