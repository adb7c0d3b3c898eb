package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Factor;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.report.BmfWriter;
import dev.scalebench.report.CompareMarkdown;
import dev.scalebench.report.CompareWriter;
import dev.scalebench.report.FitsJson;
import dev.scalebench.results.FolderNames;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.RatioBootstrap;
import dev.scalebench.sweep.SweepService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalebench compare}: runs side by side, the first as the baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compares runs side by side: the same sweep on two machines, two drivers or two dtypes. The first run is the baseline; every other run is compared with it point by point (points match by model, dtype, phase, batch, seq and output). Per point and metric: the ratio of the medians of the per-trial values, other / baseline, with a 95 %% bootstrap interval over trials (10 000 resamples, seeded by the point, so the same runs give the same numbers), said as a speedup ('1.84x faster [1.79, 1.90]'). Also: points present in only some runs and points that failed; the fitted parameters of each run side by side (from its fits.json); cost per million tokens where a run's hardware profile has a price; each run's fraction of its own roofline; and how the runs' fingerprints differ (listed, never refused). Writes compare.html and compare.md and prints the summary. The runs' files are only read: a crash's leftovers in them are repaired in memory, each repair printed as a note and listed in the reports.",
            ""},
        footer = {"", "Examples:",
            "  scalebench compare results/20261122-081500-nightly-a100 results/20261122-093000-nightly-h100",
            "  scalebench compare results/fp16-run results/bf16-run --ignore dtype --metric p99,throughput",
            "  scalebench compare results/a results/b results/c --hardware h100-sxm --output /tmp/cmp"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "Run folders (holding run.json), at least two; the first is the baseline.")
    List<Path> runDirs;

    @Option(names = "--metric", split = ",", paramLabel = "METRIC",
            description = "Per-trial metrics to compare, comma-separated: p50, p90, p99, p99.9, mean, max, "
                    + "throughput (also tokens_per_s); of generate points also ttft_p50, ttft_p99, tpot_p50, "
                    + "tpot_p99, itl_p50, itl_p99, e2e_p50, e2e_p99, tokens_per_s_per_user (default: "
                    + "p50,p99,throughput, and ttft_p99, tpot_p50, tpot_p99, e2e_p99, tokens_per_s_per_user when a run "
                    + "has generate points).")
    List<String> metrics;

    @Option(names = "--ignore", split = ",", paramLabel = "model|dtype",
            description = "Match points across this factor, e.g. --ignore dtype to compare an fp16 run with a "
                    + "bf16 run. Refused when it makes two points of one run the same.")
    List<String> ignore = List.of();

    @Option(names = "--hardware", paramLabel = "ID|FILE|none",
            description = "One hardware profile for every run (an id from profiles/hardware, a profile file, or "
                    + "none). Default: each run's profile is the one matching its own device.")
    String hardware;

    @Option(names = "--resamples", paramLabel = "N",
            description = "Bootstrap resamples per ratio (default: ${DEFAULT-VALUE}).")
    int resamples = RatioBootstrap.DEFAULT_RESAMPLES;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for compare.html and compare.md (default: <results dir>/compare/"
                    + "<first run folder's name>--<second run folder's name>[--+N], each name cut to "
                    + "[A-Za-z0-9._-]).")
    Path output;

    @Option(names = "--bmf", paramLabel = "FILE",
            description = "Also write the other runs' medians and their ratios to the baseline, with 95 %% intervals, "
                    + "as Bencher Metric Format JSON into FILE (see README.md, compare).")
    Path bmf;

    @Override
    public Integer call() {
        CompareOptions options = options();
        if (runDirs.size() < 2) {
            throw ScalebenchException.badInput("compare needs at least two run folders (the first is the "
                    + "baseline), got one: " + runDirs.get(0));
        }
        List<String> bad = runDirs.stream().filter(d -> !SweepService.isRunDir(d))
                .map(d -> d + ": not a run folder (no run.json)").toList();
        if (!bad.isEmpty()) {
            throw ScalebenchException.badInput(String.join(System.lineSeparator(), bad));
        }
        Path profiles = locations.profiles().resolve("hardware");
        HardwareProfile forced = hardware == null ? null : HardwareChoice.resolve(hardware, null, profiles);
        List<CompareRun> runs = new ArrayList<>();
        for (int i = 0; i < runDirs.size(); i++) {
            Path dir = runDirs.get(i);
            CompareRun r = CompareRun.of(CompareRun.label(i), RepairedReads.read("compare", dir,
                    spec.commandLine().getErr()));
            r = hardware != null ? r.withHardware(forced, true)
                    : r.withHardware(HardwareChoice.resolve(null, r.device(), profiles), false);
            runs.add(fits(r, dir));
        }
        Comparison c = Comparer.compare(runs, metrics == null ? options.withGenerationDefaults(runs) : options);
        Path dir = output != null ? output : defaultOutput();
        CompareWriter.write(dir, c);
        if (bmf != null) {
            BmfWriter.write(bmf, BmfWriter.render(c));
        }
        print(c, dir, spec.commandLine().getOut());
        if (bmf != null) {
            spec.commandLine().getOut().println("bmf:    " + bmf);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private CompareOptions options() {
        List<TrialMetric> ms = new ArrayList<>();
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        try {
            for (String m : metrics == null ? List.of("p50", "p99", "throughput") : metrics) {
                TrialMetric t = TrialMetric.parse(m);
                if (!ms.contains(t)) {
                    ms.add(t);
                }
            }
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--metric: " + e.getMessage());
        }
        try {
            ignore.forEach(f -> factors.add(Factor.parse(f)));
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--ignore: " + e.getMessage());
        }
        if (resamples < 100) {
            throw ScalebenchException.badInput("--resamples " + resamples + ": must be >= 100");
        }
        if (ms.isEmpty()) {
            throw ScalebenchException.badInput("--metric: name at least one metric");
        }
        return CompareOptions.DEFAULTS.withMetrics(ms).withIgnore(factors).withResamples(resamples);
    }

    /** The run with its fits.json, or with a note saying why it has none. */
    private static CompareRun fits(CompareRun r, Path dir) {
        Path file = dir.resolve(FitsJson.FILE);
        if (!Files.isRegularFile(file)) {
            return r.withFits(null, "no " + FitsJson.FILE + " in " + dir + "; run `scalebench analyze " + dir
                    + "` first");
        }
        try {
            Analysis a = FitsJson.read(file);
            return r.withFits(a, null);
        } catch (ScalebenchException e) {
            return r.withFits(null, e.getMessage() + "; run `scalebench analyze " + dir + "` again");
        }
    }

    /**
     * {@code <results>/compare/<A>--<B>[--+N]}, named after the run folders the user gave, never after a field of
     * their files (a run id from another machine could be {@code ../../x}): each name made safe by
     * {@link FolderNames#of}, the whole checked to stay under the results folder.
     */
    private Path defaultOutput() {
        String name = folderName(0) + "--" + folderName(1) + (runDirs.size() > 2 ? "--+" + (runDirs.size() - 2) : "");
        return FolderNames.under(locations.results().resolve("compare"), name);
    }

    private String folderName(int i) {
        Path name = runDirs.get(i).toAbsolutePath().normalize().getFileName();
        return FolderNames.of(name == null ? null : name.toString(), "run-" + CompareRun.label(i));
    }

    private static void print(Comparison c, Path dir, PrintWriter out) {
        out.println("compare " + String.join(" vs ", c.runs().stream().map(CompareRun::title).toList()));
        CompareMarkdown.summary(c).forEach(s -> out.println("  " + s));
        c.notes().forEach(n -> out.println("  note: " + n));
        out.println("report: " + dir.resolve(CompareWriter.HTML));
        out.println("        " + dir.resolve(CompareWriter.MARKDOWN));
        out.flush();
    }
}
