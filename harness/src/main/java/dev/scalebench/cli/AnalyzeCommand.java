package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.BmfWriter;
import dev.scalebench.results.Run;
import dev.scalebench.sweep.AnalysisReports;
import dev.scalebench.sweep.SweepService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalebench analyze}: fits and reports for a run. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {
            "Fits scaling laws to a run and writes fits.json, report.html and report.md into the run folder, or into --output DIR to keep the run's own reports (a sweep does this itself when it ends; run it again to change the options or after a resume). Step latency is fitted per series (over batch at each seq, over seq at each batch, over model size), with residuals in log space and Huber loss; candidate forms are compared by AICc; every parameter and derived quantity (saturation throughput T_max, b90, knee, exponents) gets a cluster-bootstrap interval over the trials. Points are placed on the roofline of the matching hardware profile. Generate points are also fitted for their TPOT and TTFT over batch and their end-to-end latency over output length, and each generate series gets a capacity answer: the largest batch meeting the SLOs (--slo) with its output tokens/s, from the measured batches only. Reads only trials.jsonl, histograms.hlog and run.json, and never changes them: a crash's leftovers in them are repaired in memory, each repair printed as a note and listed in the reports.",
            ""},
        footer = {"", "Examples:",
            "  scalebench analyze results/20261122-081500-smoke",
            "  scalebench analyze results/20261122-081500-nightly --hardware h100-sxm --metric p99",
            "  scalebench analyze results/20261122-081500-smoke -o /tmp/mean --metric mean",
            "  scalebench analyze results/20261122-081500-generate --metric tpot_p99 --slo mlperf-interactive"})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    AnalysisOptions options;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder (holding run.json).")
    Path runDir;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for fits.json, report.html and report.md, created if missing (default: the run "
                    + "folder, replacing the reports there).")
    Path output;

    @Option(names = "--bmf", paramLabel = "FILE",
            description = "Also write each point's p50, p99 and throughput (and TTFT, TPOT, energy per token where "
                    + "measured) with their 95 %% intervals as Bencher Metric Format JSON into FILE (see README.md, "
                    + "analyze).")
    Path bmf;

    @Override
    public Integer call() {
        if (!SweepService.isRunDir(runDir)) {
            throw ScalebenchException.badInput(runDir + ": not a run folder (no run.json)");
        }
        Run run = RepairedReads.read("analyze", runDir, spec.commandLine().getErr());
        PrintWriter err = spec.commandLine().getErr();
        Analysis a = options.analyze(RunDatasets.from(run), locations.profiles(), "analyze", err);
        AnalysisReports.write(output != null ? output : runDir, a, spec.commandLine().getOut());
        if (bmf != null) {
            BmfWriter.write(bmf, BmfWriter.render(a));
            spec.commandLine().getOut().println("bmf:    " + bmf);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
