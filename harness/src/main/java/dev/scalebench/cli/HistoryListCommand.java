package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryEntry;
import dev.scalebench.results.history.HistoryQuery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalebench history list}: the indexed runs, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {
            "Lists the indexed runs, newest first, interrupted and failed ones too (a sweep stopped by Ctrl-C or SIGTERM is indexed as INTERRUPTED): run id, sweep, status, start time (UTC), device, git commit, planned points, OK trials and failed trials. A good run is COMPLETE with no failed trial.",
            ""},
        footer = {"", "Examples:",
            "  scalebench history list --sweep nightly --good --limit 10",
            "  scalebench history list --fingerprint backend=djl --fingerprint gpu.name='NVIDIA A100-SXM4-80GB'"})
final class HistoryListCommand implements Callable<Integer> {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    @Option(names = "--sweep", paramLabel = "NAME", description = "Only runs of this sweep.")
    String sweep;

    @Option(names = "--good", description = "Only good runs: COMPLETE, with no failed trial (hides interrupted and failed runs).")
    boolean good;

    @Option(names = "--limit", paramLabel = "N", description = "At most the N newest runs (default: all).")
    Integer limit;

    @Option(names = "--fingerprint", paramLabel = "KEY=VALUE",
            description = "Only runs whose fingerprint has this value for this key (repeatable; a key a run lacks "
                    + "reads 'unknown'). Keys as in run.json, e.g. gpu.name, cpu.model, backend, git.commit.")
    Map<String, String> fingerprint = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (limit != null && limit <= 0) {
            throw ScalebenchException.badInput("--limit " + limit + ": must be a positive number of runs");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (absent(history, locations, out)) {
            return 0;
        }
        try (History h = History.open(history.url(locations))) {
            List<HistoryEntry> entries = h.list(new HistoryQuery(sweep, fingerprint, good, limit == null ? 0 : limit));
            boolean filtered = sweep != null || good || !fingerprint.isEmpty();
            if (entries.isEmpty()) {
                out.println((filtered ? "no run matches in the " : "no runs in the ") + h.describe());
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (HistoryEntry e : entries) {
                rows.add(List.of(e.runId(), e.sweep(), e.status().name(), UTC.format(e.started()), e.device(),
                        shortCommit(e.gitCommit()), Integer.toString(e.points()), Integer.toString(e.trials()),
                        Integer.toString(e.failedTrials())));
            }
            TextTable.print(out, List.of("run", "sweep", "status", "started (UTC)", "device", "commit", "points",
                    "trials", "failed"), rows, false, false, false, false, false, false, true, true, true);
            out.printf(Locale.ROOT, "%d run%s in the %s%n", entries.size(), entries.size() == 1 ? "" : "s",
                    h.describe());
        }
        return 0;
    }

    /** Says so and returns true when the default SQLite file does not exist yet (and does not create it). */
    static boolean absent(HistoryOptions history, Locations locations, PrintWriter out) {
        Optional<Path> file = history.defaultFile(locations);
        if (file.isPresent() && !Files.exists(file.get())) {
            out.println("the history is empty: no database at " + file.get() + " (every sweep adds its run; add"
                    + " existing run folders with: scalebench history index RUN_DIR...)");
            return true;
        }
        return false;
    }

    static String shortCommit(String commit) {
        return commit == null || commit.equals(Fingerprint.UNKNOWN) || commit.length() <= 7 ? String.valueOf(commit)
                : commit.substring(0, 7);
    }
}
