package dev.scalebench.cli;

import dev.scalebench.analysis.CsvDataset;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.results.RunIds;
import dev.scalebench.sweep.AnalysisReports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalebench fit --input}: the analysis on measurements made by another tool. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {
            "Runs the same analysis as 'analyze' on latencies measured by another tool, given as CSV: one row per trial (or per point), with columns batch, seq and at least one of p50_<unit>, p99_<unit>, mean_<unit> (unit ns, us, ms or s); optional model, dtype, phase, params, replicate, flops, bytes, device. Generation results (phase generate) add output (tokens per request), ttft_<unit>, tpot_<unit>, itl_<unit>, e2e_<unit> (medians; _p99_ before the unit for the 99th percentile, e2e_mean_<unit> for the mean) and output_tokens_per_s; tools/fit-input/convert.py writes them from vLLM and AIPerf results. docs/fit-input.md documents every column with an example. Writes fits.json, report.html and report.md into the output folder.",
            ""},
        footer = {"", "Examples:",
            "  scalebench fit --input vllm-latencies.csv",
            "  scalebench fit --input runs.csv --output /tmp/fit --metric mean --hardware a100-80gb-sxm"})
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    AnalysisOptions options;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "CSV", description = "The measurements.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for the reports (default: a new results/<UTC time>-fit-<csv name>/).")
    Path output;

    @Override
    public Integer call() {
        Analysis a = options.analyze(CsvDataset.read(input), locations.profiles(), "fit", spec.commandLine().getErr());
        Path dir = output;
        if (dir == null) {
            String stem = input.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            dir = RunIds.createRunDir(locations.results(), RunIds.newRunId("fit-" + stem, Instant.now()));
        }
        AnalysisReports.write(dir, a, spec.commandLine().getOut());
        return 0;
    }
}
