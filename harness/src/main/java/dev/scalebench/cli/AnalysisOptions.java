package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.Analysis;
import dev.scalebench.analysis.Analyzer;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.Metric;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.roofline.Ceilings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code analyze}, {@code fit} and the analysis at the end of {@code sweep}. */
final class AnalysisOptions {

    @Option(names = "--metric", paramLabel = "p50|p99|mean",
            description = "Per-trial latency statistic the fits model (default: ${DEFAULT-VALUE}).")
    String metric = Metric.P50.id();

    @Option(names = "--bootstrap", paramLabel = "N",
            description = "Cluster-bootstrap resamples per series for the confidence intervals; 0 turns intervals "
                    + "off (default: ${DEFAULT-VALUE}).")
    int bootstrap = FitOptions.DEFAULTS.bootstrap();

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the bootstrap: the same seed and data give the same report (default: ${DEFAULT-VALUE}).")
    long seed = FitOptions.DEFAULTS.seed();

    @Option(names = "--hardware", paramLabel = "ID|FILE|none",
            description = "Hardware profile for the roofline: an id from profiles/hardware (e.g. h100-sxm), a "
                    + "profile file, or none. Default: the profile whose name matches the measured device, a "
                    + "measured one (profiles/hardware/measured, written by calibrate) before the data sheets; "
                    + "fractions of a measured profile's data sheet are shown beside its own.")
    String hardware;

    /** Analyses {@code data} as these options say, with hardware profiles from {@code profilesDir/hardware}. */
    Analysis analyze(Dataset data, Path profilesDir) {
        Metric m;
        try {
            m = Metric.parse(metric);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--metric: " + e.getMessage());
        }
        if (bootstrap < 0) {
            throw ScalebenchException.badInput("--bootstrap " + bootstrap + ": must be >= 0");
        }
        FitOptions options = FitOptions.DEFAULTS.withBootstrap(bootstrap).withSeed(seed);
        Ceilings c = HardwareChoice.ceilings(hardware, data.device(), profilesDir.resolve("hardware"));
        return new Analyzer(options, m).analyze(data, c.hardware(), c.spec());
    }
}
