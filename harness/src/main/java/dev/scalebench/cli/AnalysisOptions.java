package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.capacity.SloSet;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.analysis.roofline.Ceilings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by {@code analyze}, {@code fit} and the analysis at the end of {@code sweep}. */
final class AnalysisOptions {

    /** The help of {@code --slo}, here and on {@code sweep}. */
    static final String SLO_HELP = "Service-level objectives of the capacity answer of generate series (the largest "
            + "batch meeting them, interpolated between measured batches, never beyond): a preset, mlperf-server "
            + "(p99 TTFT <= 2s, p99 TPOT <= 100ms) or mlperf-interactive (0.5s, 30ms), the MLPerf Inference "
            + "Llama 3.1 8B limits; or limits such as ttft-p99=2s,tpot-p99=100ms (ttft, tpot, itl, e2e; p50 or "
            + "p99). Repeat for more answers; none for no answer. Default: mlperf-server.";

    @Option(names = "--slo", paramLabel = "SLO", description = SLO_HELP)
    List<String> slo = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "Per-trial latency statistic the fits model: p50, p99 or mean (of a step, or of a "
                    + "generate point's request), or a generate point's ttft_p50, ttft_p99, tpot_p50, tpot_p99, "
                    + "itl_p50, itl_p99, e2e_p50, e2e_p99 (points without it are left out). Default: p50; for data "
                    + "without p50 values, such as a CSV with only mean_<unit>, the one statistic it has. Generate "
                    + "series over batch are fitted for their TPOT and TTFT (p50 and p99) as well.")
    String metric;

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

    /**
     * Analyses {@code data} as these options say, with hardware profiles from {@code profilesDir/hardware}; a
     * statistic chosen because the data has no other ({@link #metric}) is told on {@code err} as
     * {@code <command>: ...}.
     */
    Analysis analyze(Dataset data, Path profilesDir, String command, PrintWriter err) {
        TrialMetric m = metric(data, command, err);
        if (bootstrap < 0) {
            throw ScalebenchException.badInput("--bootstrap " + bootstrap + ": must be >= 0");
        }
        List<SloSet> slos = slos(slo);
        FitOptions options = FitOptions.DEFAULTS.withBootstrap(bootstrap).withSeed(seed);
        Ceilings c = HardwareChoice.ceilings(hardware, data.device(), profilesDir.resolve("hardware"));
        return new Analyzer(options, m, slos).analyze(data, c.hardware(), c.spec());
    }

    /**
     * The SLO sets of {@code --slo} values ({@link SloSet#parseAll}: the default without any).
     *
     * @throws ScalebenchException (bad input) naming the value and what was expected
     */
    static List<SloSet> slos(List<String> values) {
        try {
            return SloSet.parseAll(values);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--slo: " + e.getMessage());
        }
    }

    /** Options with these {@code --slo} values and every other option at its default (the end of a sweep). */
    static AnalysisOptions withSlo(List<String> values) {
        slos(values);
        AnalysisOptions o = new AnalysisOptions();
        o.slo = new ArrayList<>(values);
        return o;
    }

    /**
     * The statistic to fit. {@code --metric} as given, refused (bad input) when no sample has it. Without
     * {@code --metric}: p50 when some sample has it (a run always does), else the one statistic the data has
     * (told on {@code err}); data with both p99 and mean but no p50 is refused, naming {@code --metric}: neither
     * is the obvious choice.
     */
    TrialMetric metric(Dataset data, String command, PrintWriter err) {
        Set<TrialMetric> has = EnumSet.noneOf(TrialMetric.class);
        Set<TrialMetric> hasAny = EnumSet.noneOf(TrialMetric.class);
        for (Sample s : data.samples()) {
            for (TrialMetric m : FittedMetrics.ALL) {
                double v = s.value(m);
                if (v > 0 && Double.isFinite(v)) {
                    hasAny.add(m);
                    if (TrialMetric.FITTED.contains(m)) {
                        has.add(m);
                    }
                }
            }
        }
        if (metric != null) {
            TrialMetric m;
            try {
                m = FittedMetrics.parse(metric);
            } catch (IllegalArgumentException e) {
                throw ScalebenchException.badInput("--metric: " + e.getMessage());
            }
            if (!hasAny.contains(m) && !hasAny.isEmpty()) {
                throw ScalebenchException.badInput("--metric " + m.id() + ": " + data.source() + " has no " + m.id()
                        + " latencies; it has " + names(hasAny) + " (choose " + alternatives(hasAny) + ")");
            }
            return m;
        }
        if (has.isEmpty() || has.contains(TrialMetric.P50)) {
            return TrialMetric.P50;
        }
        if (has.size() == 1) {
            TrialMetric only = has.iterator().next();
            err.println(command + ": " + data.source() + " has only " + only.id() + " latencies (no p50): fitting "
                    + only.id() + " (--metric names another)");
            err.flush();
            return only;
        }
        throw ScalebenchException.badInput(data.source() + " has " + names(has) + " latencies but no p50, the "
                + "default: choose the statistic to fit with " + alternatives(has));
    }

    private static String names(Set<TrialMetric> metrics) {
        return String.join(" and ", metrics.stream().map(TrialMetric::id).toList());
    }

    private static String alternatives(Set<TrialMetric> metrics) {
        return String.join(" or ", metrics.stream().map(m -> "--metric " + m.id()).toList());
    }
}
