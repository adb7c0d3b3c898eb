package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.Analysis;
import dev.scalebench.analysis.Analyzer;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.Metric;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
                    + "profile file, or none. Default: the profile whose name matches the measured device.")
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
        return new Analyzer(options, m).analyze(data, profile(data.device(), profilesDir.resolve("hardware")));
    }

    private HardwareProfile profile(String device, Path dir) {
        if ("none".equalsIgnoreCase(hardware)) {
            return null;
        }
        if (hardware != null) {
            Path file = Path.of(hardware);
            if (hardware.endsWith(".yaml") || hardware.endsWith(".yml") || Files.isRegularFile(file)) {
                return HardwareProfiles.read(file);
            }
            Path named = dir.resolve(hardware + ".yaml");
            if (!Files.isRegularFile(named)) {
                throw ScalebenchException.badInput("--hardware " + hardware + ": no such profile (looked for "
                        + named + "; available: " + ids(dir) + ")");
            }
            return HardwareProfiles.read(named);
        }
        if (!Files.isDirectory(dir) || device == null || device.isBlank()) {
            return null;
        }
        Optional<HardwareProfile> match = HardwareProfiles.match(device, HardwareProfiles.load(dir));
        return match.orElse(null);
    }

    private static String ids(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "none, " + dir + " does not exist";
        }
        List<HardwareProfile> all = HardwareProfiles.load(dir);
        return String.join(", ", all.stream().map(HardwareProfile::id).toList());
    }
}
