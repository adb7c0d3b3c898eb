package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.analysis.design.FitPrecision;
import dev.scalebench.analysis.design.GateSampleSize;
import dev.scalebench.analysis.design.PilotDesign;
import dev.scalebench.analysis.design.PointSpread;
import dev.scalebench.analysis.design.ReplicatesEdit;
import dev.scalebench.analysis.gate.GatePolicies;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.results.Run;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.Units;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan --pilot RUN_DIR | --from-history}: the replicates and iterations a sweep needs, from a pilot run
 * ({@link PilotDesign}; the pilot is a {@link PilotSource}); with {@code --write}, the recommendation written into the
 * sweep file; then the memory estimates against the pilot's readings ({@link PlanMemory#printPilot}).
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
            + " only those lines. --fit-precision P (e.g. 5%%) also sizes the fits, by simulation: per series the"
            + " analysis fits (p50 step time), synthetic runs drawn from the pilot's selected form with the pilot's"
            + " per-point trial CV (log-normal), " + FitPrecision.SIMULATIONS + " per candidate n (the sweep's"
            + " replicates and 3, 5, 8, 12, 20, 30), each refitted with " + FitPrecision.RESAMPLES + " bootstrap"
            + " resamples (fewer than an analysis's 2000: enough for a median width); the answer is the smallest n"
            + " whose median relative 95%% half-width is at most P for every parameter of the form, per series and"
            + " overall ('>30' when even 30 is not enough; simulated at 3, then from the n the 1/sqrt(n) scaling"
            + " predicts, a series predicted beyond 1.5 P at 30 is not simulated further); --write then writes the"
            + " larger of the gate's and the fits' answers."
            + " It simulates from the pilot's trials, which the history does not keep: with --from-history it reads"
            + " the run folder the history recorded for the run, and stops, naming that folder, when it no longer"
            + " exists. See docs/analysis.md, 'Sample size from a pilot'.";

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

    @Option(names = "--fit-precision", paramLabel = "PERCENT",
            description = "Also size the fits: replicates per point for every fitted parameter's 95%% interval"
                    + " half-width to be at most PERCENT of its value (e.g. 5%%), by simulation from the pilot's fit.")
    String fitPrecision;

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
        double target = fitPrecision == null ? Double.NaN : target(fitPrecision);
        GatePolicy policy = GatePolicies.resolve(policyName, locations.profiles().resolve("gates"));
        PilotSource p = pilot != null ? PilotSource.folder(pilot, out)
                : PilotSource.history(sweep, history.url(locations), out);
        RunMetrics run = p.metrics();
        if (!run.sweep().equals(sweep.name())) {
            throw ScalebenchException.badInput("pilot " + p.source() + " is a run of sweep '" + run.sweep()
                    + "', not of '" + sweep.name() + "': name a run of " + sweep.name() + " (or plan " + run.sweep()
                    + ")");
        }
        if (fitPrecision != null && p.run() == null) {
            throw ScalebenchException.badInput("--fit-precision " + fitPrecision + " needs the pilot's run folder"
                    + " (the history keeps the trials' statistics, not their series); " + p.folderMissing()
                    + ": pass --pilot <folder> (--pilot RUN_DIR, the run's folder wherever it is now)");
        }
        if (run.trials().isEmpty()) {
            throw ScalebenchException.badInput("pilot " + p.source() + " has no OK trial: nothing to measure the spread"
                    + " from; run the sweep (a few replicates are enough) and name that run");
        }
        PilotDesign.Result r = PilotDesign.of(run, policy);
        print(r, p.source(), sweep.replicates(), out);
        FitPrecision.Result fits = null;
        if (fitPrecision != null) {
            fits = fitPrecision(p.run(), target, sweep.replicates());
            printFits(fits, r.gate().replicates(), out);
        }
        if (write) {
            write(sweepFile, r, fits, out);
        }
        if (p.run() != null) {
            PlanMemory.printPilot(sweep, p.run(), p.folder(), out);
        } else {
            out.printf(Locale.ROOT, "%nmemory: the history keeps no memory readings and %s, so the estimates cannot"
                    + " be checked against the pilot's; pass --pilot <folder> to check them%n", p.folderMissing());
        }
        out.flush();
        return 0;
    }

    /** The sweep's file: the profile's under profiles/sweeps/, or the file named. */
    static Path file(String profile, Locations locations) {
        Path named = locations.profiles().resolve("sweeps").resolve(profile + ".yaml");
        return Files.isRegularFile(named) ? named : Path.of(profile);
    }

    /** The relative half-width of {@code --fit-precision}: {@code 5%} or {@code 0.05}, in (0, 1). */
    static double target(String text) {
        String t = text.strip();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0 && v < 1)) {
            throw ScalebenchException.badInput("--fit-precision '" + text + "': expected a relative half-width"
                    + " between 0 and 100 % exclusive, like 5% or 0.05");
        }
        return v;
    }

    /** The pilot analysed without intervals (only the fitted curves are used), then sized by simulation. */
    private static FitPrecision.Result fitPrecision(Run run, double target, int current) {
        FitOptions noIntervals = new FitOptions(0, 1, 0.95, 2.0, 0);
        var analysis = new Analyzer(noIntervals, TrialMetric.P50, List.of()).analyze(RunDatasets.from(run), null);
        return FitPrecision.of(analysis.fits(), target, current, FitPrecision.Sizing.DEFAULT);
    }

    private static void printFits(FitPrecision.Result f, int gate, PrintWriter out) {
        int max = f.candidates().get(f.candidates().size() - 1);
        out.printf(Locale.ROOT, "%nfits (p50 step time): replicates per point for every parameter's 95%% half-width"
                + " <= %s, by simulation (%d synthetic runs per n, %d resamples each)%n", percent(f.target()),
                f.sizing().simulations(), f.sizing().resamples());
        List<String> head = List.of("series", "form", "fit n", "median half-width at fit n");
        List<List<String>> rows = new ArrayList<>();
        for (FitPrecision.SeriesAnswer a : f.series()) {
            String n = !a.sized() ? "-" : a.reached() ? Integer.toString(a.replicates()) : ">" + max;
            StringBuilder w = new StringBuilder(a.sized() ? "" : a.note());
            a.widths().forEach((p, v) -> w.append(w.length() == 0 ? "" : ", ").append(p).append(' ')
                    .append(Double.isFinite(v) ? percent(v) : "none"));
            if (a.predicted()) {
                w.append(" at n=").append(f.candidates().get(0)).append(" (predicted beyond)");
            }
            rows.add(List.of(a.key().id(), a.form(), n, w.toString()));
        }
        TextTable.print(out, head, rows, false, false, true, false);
        String fitN = f.beyond() > 0 ? ">" + max : Integer.toString(f.replicates());
        out.printf(Locale.ROOT, "  fits need: %s replicates per point%s; with the gate's %s, --write writes %s%n",
                fitN, f.beyond() > 0 ? " (" + f.beyond() + " series beyond " + max + ")" : "", count(gate),
                count(written(gate, f)));
    }

    /** What --write writes: the larger of the gate's and the fits' answers. */
    private static int written(int gate, FitPrecision.Result fits) {
        return fits == null ? gate : Math.max(gate, fits.replicates());
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

    private void write(Path file, PilotDesign.Result r, FitPrecision.Result fits, PrintWriter out) {
        int replicates = written(r.gate().replicates(), fits);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = ReplicatesEdit.replicates(text, replicates);
            if (iterations) {
                edited = ReplicatesEdit.iterationsMin(edited, PilotDesign.TAIL_ITERATIONS);
            }
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "wrote replicates: %d%s into %s%n", replicates,
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
