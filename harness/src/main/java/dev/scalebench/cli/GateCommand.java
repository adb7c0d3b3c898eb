package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.gate.AaCalibration;
import dev.scalebench.analysis.gate.Gate;
import dev.scalebench.analysis.gate.GatePolicies;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.report.AaMarkdown;
import dev.scalebench.report.BmfWriter;
import dev.scalebench.report.GateMarkdown;
import dev.scalebench.report.GateReports;
import dev.scalebench.results.AtomicFiles;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.Run;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryEntry;
import dev.scalebench.results.history.HistoryQuery;
import dev.scalebench.sweep.SweepService;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebench gate}: did the candidate regress against the baseline? */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {
            "Gates a deploy on latency and throughput regressions. Point by point, the effect is the ratio of the medians of the per-trial values (candidate / baseline) with a bootstrap interval over trials; a regression is declared when it is worse than the policy's margin after Holm's correction over the blocking points (family-wise false-alarm rate alpha); regressions elsewhere are warnings (Benjamini-Hochberg). Runs whose environment fingerprints differ are refused. Prints gate.md and the verdict first, then writes gate.md, gate.html, gate.json and gate-junit.xml; a failure to write keeps the verdict's exit code. Run folders are only read: a crash's leftovers in them are repaired in memory, each repair printed as a note and listed in the reports. See docs/gate.md.",
            "",
            "With --aa, gates runs of one build against each other (pairs, and random half-splits of each run's trials) and reports the policy's observed false-alarm rate on this machine. It needs at least 3 runs, or runs with at least twice min-trials replicates for enough splits, and says so otherwise.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:PASS (with --aa: consistent with alpha)",
            "1:REGRESSION at a blocking point (with --aa: false-alarm rate clearly above alpha)",
            "2:bad usage or input; runs from different environments",
            "3:INCONCLUSIVE: some blocking point could not be shown to pass (with --aa: too little evidence)",
            "4:runtime failure"},
        footer = {"", "Examples:",
            "  scalebench gate --baseline latest --candidate results/20261122-020000-nightly",
            "  scalebench gate --baseline results/20261121-020000-nightly --candidate results/20261122-020000-nightly --policy profiles/gates/default.yaml",
            "  scalebench gate --aa results/20261122-010000-smoke results/20261122-011500-smoke results/20261122-013000-smoke"})
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    @Option(names = "--baseline", paramLabel = "RUN|latest",
            description = "Baseline: a run folder, a run id from the history database, or 'latest' (the newest good run of the candidate's sweep with a matching fingerprint that started before the candidate, from the history).")
    String baseline;

    @Option(names = "--candidate", paramLabel = "RUN_DIR", description = "The candidate run folder.")
    Path candidate;

    @Option(names = "--policy", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "Gate policy: a name in profiles/gates/ or a YAML file (default: ${DEFAULT-VALUE}).")
    String policyName;

    @Option(names = "--allow-env-mismatch",
            description = "Gate runs whose fingerprints differ on the policy's facts (the differences are reported).")
    boolean allowEnvMismatch;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where to write gate.md, gate.json and gate-junit.xml (default: <candidate>/gate/; with --aa: <results dir>/aa/).")
    Path output;

    @Option(names = "--bmf", paramLabel = "FILE",
            description = "Also write the candidate's gated medians and their ratios to the baseline, with the gate's intervals, as Bencher Metric Format JSON into FILE (see docs/gate.md).")
    Path bmf;

    @Option(names = "--aa", description = "A/A calibration over RUN_DIR... (runs of one build).")
    boolean aa;

    @Option(names = "--splits", paramLabel = "N", defaultValue = "100",
            description = "With --aa: random half-splits per run (default: ${DEFAULT-VALUE}).")
    int splits;

    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "With --aa: the runs of one build.")
    List<Path> aaRuns = new ArrayList<>();

    /** What reading the run folders repaired in memory, as {@code <role>: <repair>}. */
    private final List<String> repairs = new ArrayList<>();

    @Override
    public Integer call() {
        GatePolicy policy = GatePolicies.resolve(policyName, locations.profiles().resolve("gates"));
        PrintWriter out = spec.commandLine().getOut();
        if (aa) {
            return calibrate(policy, out);
        }
        if (!aaRuns.isEmpty()) {
            throw ScalebenchException.badInput("run folders as arguments are for --aa; gate with --baseline and"
                    + " --candidate");
        }
        if (baseline == null || candidate == null) {
            throw ScalebenchException.badInput("gate needs --baseline RUN|latest and --candidate RUN_DIR (or --aa)");
        }
        RunMetrics cand = read(candidate, "candidate");
        Source base = baseline(cand, policy);
        GateResult r = new Gate(policy).evaluate(base.run, cand, base.source, candidate.toString(), allowEnvMismatch)
                .withRepairs(repairs);
        Path dir = output != null ? output : candidate.resolve("gate");
        out.print(GateMarkdown.render(r));
        out.println();
        out.println("gate: " + r.verdict() + " (exit " + r.exitCode() + ")");
        out.flush();
        try {
            List<Path> files = new ArrayList<>(GateReports.write(dir, r, Instant.now()));
            if (bmf != null) {
                BmfWriter.write(bmf, BmfWriter.render(r));
                files.add(bmf);
            }
            out.println("wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        } catch (ScalebenchException | UncheckedIOException e) {
            writeFailed(dir, e, "gate: " + r.verdict());
        }
        return r.exitCode();
    }

    /**
     * A report that could not be written: the verdict was printed already and stands (its exit code is kept), so
     * say so, and where to write instead.
     */
    private void writeFailed(Path dir, RuntimeException e, String verdict) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gate: could not write the reports into " + dir + ": " + e.getMessage());
        err.println("gate: the verdict above stands (" + verdict + "); to keep the reports, run again with"
                + " --output DIR naming a folder you can write to");
        err.flush();
    }

    private record Source(RunMetrics run, String source) { }

    /**
     * The run in {@code dir}; what reading it repaired in memory is printed to stderr and kept in
     * {@link #repairs} as {@code <role>: <repair>} for the reports.
     */
    private RunMetrics read(Path dir, String role) {
        if (!SweepService.isRunDir(dir)) {
            throw ScalebenchException.badInput(dir + ": not a run folder (no run.json)");
        }
        Run r = RepairedReads.read("gate", dir, spec.commandLine().getErr());
        r.warnings().forEach(w -> repairs.add(role + ": " + w));
        return RunMetrics.of(r);
    }

    private Source baseline(RunMetrics cand, GatePolicy policy) {
        Path asDir = Path.of(baseline);
        if (!baseline.equals("latest") && Files.isDirectory(asDir)) {
            return new Source(read(asDir, "baseline"), asDir.toString());
        }
        String url = history.url(locations);
        try (History h = History.open(url)) {
            if (baseline.equals("latest")) {
                List<HistoryEntry> matching = h.list(new HistoryQuery(cand.sweep(), Fingerprint.select(
                        cand.fingerprint(), policy.fingerprint()), true, 0)).stream()
                        .filter(e -> !e.runId().equals(cand.runId())).toList();
                Optional<HistoryEntry> e = matching.stream().filter(m -> olderThan(m, cand)).findFirst();
                if (e.isEmpty()) {
                    long newer = matching.size();
                    throw ScalebenchException.badInput("no baseline: the history (" + History.redact(url)
                            + ") has no good run of sweep '" + cand.sweep() + "' with the candidate's fingerprint"
                            + " that started before " + cand.runId()
                            + (newer > 0 ? " (" + newer + (newer == 1 ? " run started" : " runs started")
                            + " after it, and a baseline must be older than the candidate)" : "")
                            + "; see `scalebench history list --sweep " + cand.sweep() + "`, or name the baseline"
                            + " with --baseline RUN");
                }
                return new Source(load(h, e.get().runId(), url), "history: " + e.get().runId());
            }
            return new Source(load(h, baseline, url), "history: " + baseline);
        }
    }

    /** Whether {@code e} started before the candidate (by start time, then run id). */
    static boolean olderThan(HistoryEntry e, RunMetrics cand) {
        if (e.started() == null || cand.started() == null) {
            return e.runId().compareTo(cand.runId()) < 0;
        }
        int c = e.started().compareTo(cand.started());
        return c < 0 || (c == 0 && e.runId().compareTo(cand.runId()) < 0);
    }

    private static RunMetrics load(History h, String runId, String url) {
        return h.load(runId).orElseThrow(() -> ScalebenchException.badInput("baseline '" + runId
                + "': not a run folder, and not a run id in the history (" + History.redact(url) + ")"));
    }

    private int calibrate(GatePolicy policy, PrintWriter out) {
        if (aaRuns.isEmpty()) {
            throw ScalebenchException.badInput("--aa needs the run folders of one build: gate --aa RUN_DIR...");
        }
        if (splits < 0) {
            throw ScalebenchException.badInput("--splits must be >= 0, not " + splits);
        }
        List<RunMetrics> runs = new ArrayList<>();
        aaRuns.forEach(d -> runs.add(read(d, d.toString())));
        AaCalibration.Result r = new AaCalibration(policy).calibrate(runs, splits, policy.seed());
        String md = AaMarkdown.render(r, repairs);
        Path dir = output != null ? output : locations.results().resolve("aa");
        out.print(md);
        out.println();
        out.println("gate --aa: " + r.outcome() + " (exit " + r.exitCode() + ")");
        out.flush();
        try {
            AtomicFiles.write(dir.resolve("aa.md"), md);
            out.println("wrote " + dir.resolve("aa.md"));
        } catch (ScalebenchException | UncheckedIOException e) {
            writeFailed(dir, e, "gate --aa: " + r.outcome());
        }
        return r.exitCode();
    }
}
