package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.metrics.MetricsFile;
import dev.scalebench.metrics.SweepMetrics;
import dev.scalebench.Version;
import dev.scalebench.results.history.History;
import dev.scalebench.results.MergedRunWriter;
import dev.scalebench.results.RunLock;
import dev.scalebench.results.Run;
import dev.scalebench.results.ShardMerge;
import dev.scalebench.sweep.RunPipeline;
import dev.scalebench.sweep.SweepService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebench merge}: the runs of a sweep's shards as one run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {
            "Combines the runs of the shards of one sweep (sweep --shard K/N) into one run, as if the sweep had run in one process: run.json lists every shard's points and trials (and the shards it came from), trials.jsonl and histograms.hlog hold every shard's journal lines and histograms as stored, summary.csv and metrics.prom are recomputed, and the run is analysed and added to the history as a sweep would be. Refused, with every reason at once: a run that is not a shard, shards of different plans (sweep spec, budget, device or memory) or shard counts, the same shard twice, a trial recorded in two shards. Holes (the points of a missing shard, the trials an interrupted shard did not run) are listed; without --allow-holes nothing is written. The merged run is written into a hidden folder and renamed, so it is complete or absent.",
            ""},
        footer = {"", "Exit codes: 0 merged; 2 refused (bad input, or holes without --allow-holes); 4 I/O failure.",
            "", "Examples:",
            "  scalebench merge results/20261122-020000-nightly-*of8",
            "  scalebench merge results/*-nightly-?of3 --output /shared/results/nightly --allow-holes"})
final class MergeCommand implements Callable<Integer> {

    /** Holes listed one by one before the rest are counted. */
    static final int HOLES_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "The shard runs (run folders of sweep --shard K/N).")
    List<Path> runs;

    @Option(names = "--output", paramLabel = "DIR",
            description = "The merged run's folder, which must not exist (default: next to the first shard, "
                    + "<UTC start of the earliest shard>-<sweep name>).")
    Path output;

    /** {@code --output}'s old name, hidden ({@link Outputs}). */
    @Option(names = "--out", hidden = true, paramLabel = "DIR")
    Path outAlias;

    @Option(names = "--allow-holes",
            description = "Merge even when points or trials of the plan are in no shard (the merged run is then "
                    + "INTERRUPTED and lists the missing shards' points as dropped).")
    boolean allowHoles;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Folder holding hardware/ for the analysis (default: profiles/ of the scalebench checkout).")
    Path profilesDir;

    @Mixin
    HistoryOptions history;

    @Option(names = "--no-history", description = "Do not add the merged run to the history database.")
    boolean noHistory;

    @Option(names = "--no-analyze", description = "Do not fit and report (run 'scalebench analyze RUN_DIR' later).")
    boolean noAnalyze;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Path out = Outputs.either(output, outAlias);
        for (Path r : runs) {
            if (!SweepService.isRunDir(r)) {
                throw ScalebenchException.badInput(r + ": not a run folder (no run.json)");
            }
        }
        // the shards stay locked while they are read, so none is resumed half-way through the merge
        List<RunLock> shardLocks = new ArrayList<>();
        try {
            for (Path r : runs) {
                if (!RunLock.heldHere(r)) { // a shard named twice is refused below, by the merge
                    RunLock.acquireUnlessReadOnly(r, "merge").ifPresent(shardLocks::add);
                }
            }
            ShardMerge merge = ShardMerge.of(runs);
            merge.warnings().forEach(w -> e.println("merge: warning: " + w));
            if (!merge.mixedFingerprintFields().isEmpty()) {
                e.println("merge: note: the shards differ in " + String.join(", ", merge.mixedFingerprintFields())
                        + "; the merged fingerprint keeps every value, joined by ' | '");
            }
            List<ShardMerge.Hole> holes = merge.holes();
            if (!holes.isEmpty()) {
                printHoles(merge, e);
                if (!allowHoles) {
                    throw ScalebenchException.badInput("not merged: " + holes.size() + " hole"
                            + (holes.size() == 1 ? "" : "s") + " (listed above); run or resume the missing shards,"
                            + " or merge anyway with --allow-holes");
                }
            }
            try (RunLock merged = MergedRunWriter.write(merge, out, Version.get())) {
                shardLocks.forEach(RunLock::close);
                return afterMerge(merged.dir(), holes.size(), o, e);
            }
        } finally {
            shardLocks.forEach(RunLock::close);
        }
    }

    /** Metrics, analysis and history of the merged run, while its lock is held; returns the exit code. */
    private int afterMerge(Path dir, int holes, PrintWriter o, PrintWriter e) {
        Run merged = Run.read(dir); // the one read: metrics, analysis and history use this model
        try (SweepMetrics metrics = SweepMetrics.of(merged)) {
            MetricsFile.write(dir, metrics.scrape());
        } catch (ScalebenchException ex) {
            e.println("merge: warning: " + MetricsFile.NAME + " not written: " + ex.getMessage());
        }
        o.printf("merged %d shard runs: %d points, %d trials, %d holes%n", runs.size(),
                merged.manifest().plan().points().size(), merged.trials().size() + merged.unplanned().size(), holes);
        o.flush();
        Path profiles = profilesDir != null ? profilesDir : Locations.home().resolve("profiles");
        String url = history.url != null ? history.url
                : "jdbc:sqlite:" + dir.toAbsolutePath().normalize().getParent().resolve(HistoryOptions.DEFAULT_FILE);
        String retry = "scalebench history index " + dir
                + (history.url != null ? " --history-url " + History.redact(history.url) : "");
        return new RunPipeline(noAnalyze ? null : data -> new AnalysisOptions().analyze(data, profiles, "merge", e),
                noHistory ? null : new RunPipeline.HistoryTarget(url, retry), o, e).finish(merged, "merge");
    }

    private static void printHoles(ShardMerge merge, PrintWriter e) {
        if (!merge.missingShards().isEmpty()) {
            e.println("merge: missing shards: " + String.join(", ", merge.missingShards()));
        }
        List<ShardMerge.Hole> holes = merge.holes();
        e.println("merge: " + holes.size() + " hole" + (holes.size() == 1 ? "" : "s") + " (planned, in no shard):");
        holes.stream().limit(HOLES_SHOWN).forEach(h -> e.println("  " + (h.trialId() != null ? "trial " + h.trialId()
                : "point " + h.pointId()) + ": " + h.reason()));
        if (holes.size() > HOLES_SHOWN) {
            e.println("  ... and " + (holes.size() - HOLES_SHOWN) + " more");
        }
        e.flush();
    }
}
