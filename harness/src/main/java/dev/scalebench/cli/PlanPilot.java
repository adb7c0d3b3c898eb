package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.design.GateSampleSize;
import dev.scalebench.analysis.design.PilotDesign;
import dev.scalebench.analysis.design.PointSpread;
import dev.scalebench.analysis.design.ReplicatesEdit;
import dev.scalebench.analysis.gate.GatePolicies;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.Units;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan --pilot RUN_DIR | --from-history}: the replicates and iterations a sweep needs, from a pilot run
 * ({@link PilotDesign}); with {@code --write}, the recommendation written into the sweep file.
 */
final class PlanPilot {

    /** The help text's paragraph on the method. */
    static final String HELP = "Sample size (--pilot RUN_DIR, or --from-history: the newest good run of the same sweep from the history"
            + " whose fingerprint matches this machine's backend, CPU and OS): from the pilot's trial-to-trial spread per point"
            + " (the standard deviation of ln value over trials, for p50, p99 and throughput) it prints the replicates"
            + " per arm the gate needs to catch a change one margin beyond the policy's threshold with power 0.9 at"
            + " Holm's first level alpha/m over the plan's m blocking tests (a normal approximation on the log ratio of"
            + " medians: n = 2k sigma^2 (t(1-alpha/m) + t(0.9))^2 / ln(1+margin)^2, k = 1.8 calibrated against the"
            + " gate's bootstrap by simulation, at least min-trials and the gate's resolution floor), per point and"
            + " for the spread pooled over points, which is the recommendation; and the iterations per trial for 100"
            + " samples beyond the p99 (10000) with their time at the pilot's step time. --write puts the"
            + " recommended replicates (and with --iterations, measure.iterations.min) into the sweep file, changing"
            + " only those lines. See docs/analysis.md, 'Sample size from a pilot'.";

    @Option(names = "--pilot", paramLabel = "RUN_DIR",
            description = "Size the sweep from this pilot run's trial-to-trial spread (see below).")
    Path pilot;

    @Option(names = "--from-history",
            description = "Size the sweep from the newest good run of the same sweep in the history database.")
    boolean fromHistory;

    @Option(names = "--policy", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "Gate policy to size for: a name in profiles/gates/ or a YAML file (default: ${DEFAULT-VALUE}).")
    String policyName;

    @Option(names = "--write", description = "Write the recommended replicates into the sweep file (only that line changes).")
    boolean write;

    @Option(names = "--iterations", description = "With --write, also set measure.iterations.min to "
            + PilotDesign.TAIL_ITERATIONS + " (100 samples beyond the p99).")
    boolean iterations;

    @Mixin
    HistoryOptions history;

    /** Whether a pilot was asked for. */
    boolean requested() {
        return pilot != null || fromHistory;
    }

    /** Prints the design for {@code sweep} from the pilot; writes it into {@code sweepFile} with --write. */
    int run(SweepSpec sweep, Path sweepFile, Locations locations, PrintWriter out) {
        if (pilot != null && fromHistory) {
            throw ScalebenchException.badInput("--pilot and --from-history both given: name one pilot");
        }
        if (iterations && !write) {
            throw ScalebenchException.badInput("--iterations sets measure.iterations.min with --write: add --write");
        }
        GatePolicy policy = GatePolicies.resolve(policyName, locations.profiles().resolve("gates"));
        RunMetrics run = pilot != null ? readPilot(pilot, out) : fromHistory(sweep, locations);
        String source = pilot != null ? pilot.toString() : "history run " + run.runId();
        if (!run.sweep().equals(sweep.name())) {
            throw ScalebenchException.badInput("pilot " + source + " is a run of sweep '" + run.sweep()
                    + "', not of '" + sweep.name() + "': name a run of " + sweep.name() + " (or plan " + run.sweep()
                    + ")");
        }
        if (run.trials().isEmpty()) {
            throw ScalebenchException.badInput("pilot " + source + " has no OK trial: nothing to measure the spread"
                    + " from; run the sweep (a few replicates are enough) and name that run");
        }
        PilotDesign.Result r = PilotDesign.of(run, policy);
        print(r, source, sweep.replicates(), out);
        if (write) {
            write(sweepFile, r, out);
        }
        out.flush();
        return 0;
    }

    /** The sweep's file: the profile's under profiles/sweeps/, or the file named. */
    static Path file(String profile, Locations locations) {
        Path named = locations.profiles().resolve("sweeps").resolve(profile + ".yaml");
        return Files.isRegularFile(named) ? named : Path.of(profile);
    }

    private static RunMetrics readPilot(Path dir, PrintWriter out) {
        if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
            throw ScalebenchException.badInput("--pilot " + dir + ": not a run folder (no " + RunManifest.FILE
                    + "); name a folder that 'scalebench sweep' wrote under results/, or use --from-history");
        }
        return RunMetrics.of(RepairedReads.read("plan", dir, out));
    }

    private RunMetrics fromHistory(SweepSpec sweep, Locations locations) {
        String url = history.url(locations);
        Map<String, String> here = Fingerprint.select(Fingerprint.collect(Map.of("backend", sweep.backend()),
                Path.of(".")), List.of("backend", "cpu.model", "cpu.cores", "os.name"));
        try (History h = History.open(url)) {
            HistoryEntry e = h.latest(sweep.name(), here, null).orElseThrow(() -> ScalebenchException.badInput(
                    "--from-history: the history (" + History.redact(url) + ") has no good run of sweep '"
                            + sweep.name() + "' on this machine (" + here + "); run the sweep once, index it"
                            + " ('scalebench history index'), or name a run with --pilot RUN_DIR"));
            return h.load(e.runId()).orElseThrow();
        }
    }

    private static void print(PilotDesign.Result r, String source, int current, PrintWriter out) {
        PilotDesign.GateAnswer g = r.gate();
        out.printf(Locale.ROOT, "pilot %s (run %s): %d points with OK trials%n%n", source, r.runId(), r.rows().size());
        List<String> head = new ArrayList<>(List.of("point", "trials"));
        PointSpread.METRICS.forEach(m -> head.add("cv " + m.id()));
        head.addAll(List.of("gate n", "iters", "step", "10k iters"));
        List<List<String>> rows = new ArrayList<>();
        for (PilotDesign.PointRow p : r.rows()) {
            List<String> row = new ArrayList<>(List.of(p.spread().point().id(), Integer.toString(p.spread().trials())));
            PointSpread.METRICS.forEach(m -> row.add(percent(p.spread().sigma(m))));
            row.add(p.replicates() == 0 ? "-" : count(p.replicates()));
            row.add(Long.toString(p.spread().iterations()));
            row.add(duration(p.spread().meanStepNs()));
            row.add(duration(p.tailTrialNs()));
            rows.add(row);
        }
        TextTable.print(out, head, rows, false, true, true, true, true, true, true, true, true);
        out.printf(Locale.ROOT, "%ngate (policy %s): %d blocking tests, Holm's first level alpha/m = %s, power %.2f"
                + " against a change one margin beyond the threshold%n", g.policy().name(), g.blockingTests(),
                sig(g.level()), GateSampleSize.POWER);
        g.replicatesByMetric().forEach((m, n) -> out.printf(Locale.ROOT,
                "  %-12s margin %s, pooled cv %s: %s replicates per arm%n", m.id(),
                percent(g.policy().margins().get(m)), percent(g.pooledSigma().get(m)), count(n)));
        out.printf(Locale.ROOT, "  recommended replicates: %s (the sweep has %d)%s%n", count(g.replicates()), current,
                g.pointsNeedingMore() == 0 ? "" : "; " + g.pointsNeedingMore() + " point(s) ask for more on their own"
                + " spread (column 'gate n'), which 3 trials estimate only to about +-50 %");
        out.printf(Locale.ROOT, "tail: %d iterations per trial give %d samples beyond the p99 (the pilot's median is %d,"
                + " %d beyond it); at the pilot's step times a trial then takes up to %s%n", PilotDesign.TAIL_ITERATIONS,
                PilotDesign.TAIL_SAMPLES, r.pilotIterations(), r.pilotIterations() / 100, duration(r.longestTailTrialNs()));
    }

    private void write(Path file, PilotDesign.Result r, PrintWriter out) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = ReplicatesEdit.replicates(text, r.gate().replicates());
            if (iterations) {
                edited = ReplicatesEdit.iterationsMin(edited, PilotDesign.TAIL_ITERATIONS);
            }
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "wrote replicates: %d%s into %s%n", r.gate().replicates(),
                    iterations ? " and measure.iterations.min: " + PilotDesign.TAIL_ITERATIONS : "", file);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String count(int n) {
        return n >= GateSampleSize.MAX_REPLICATES ? ">" + GateSampleSize.MAX_REPLICATES : Integer.toString(n);
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    private static String sig(double x) {
        return String.format(Locale.ROOT, "%.2g", x);
    }

    private static String duration(double ns) {
        return Double.isFinite(ns) ? Units.formatDuration(Duration.ofNanos(Math.round(ns))) : "-";
    }
}
