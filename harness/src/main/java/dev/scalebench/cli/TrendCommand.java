package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.trend.TrendAnalysis;
import dev.scalebench.analysis.trend.TrendOptions;
import dev.scalebench.analysis.trend.Trends;
import dev.scalebench.report.TrendWriter;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.history.History;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebench trend}: change points over the run history. */
@Command(name = "trend", mixinStandardHelpOptions = true,
        description = {
            "Finds the runs at which a benchmark's level changed, in the history database. One series per point x metric x environment (the machine and engine facts of the fingerprint; a run on another machine starts another series, it is not a change); a run's value is the median over its trials. Change points are found by E-divisive means with a t-test on the candidates (Apache Otava's method), kept when their p-value after Benjamini-Hochberg across all series is at most --max-p and the level moved by at least --min-magnitude. Writes trend.html (a chart per flagged series), trend.md (printed) and trend.json. Informational: exits 0 whatever it finds.",
            ""},
        footer = {"", "Examples:",
            "  scalebench trend",
            "  scalebench trend --sweep nightly --metric p99,throughput --min-magnitude 0.03",
            "  scalebench trend --history-url jdbc:postgresql://db/bench --all --output out/trend"})
final class TrendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    @Option(names = "--sweep", paramLabel = "NAME", description = "Only runs of this sweep (default: all sweeps).")
    String sweep;

    @Option(names = "--metric", paramLabel = "LIST", split = ",",
            description = "Per-trial statistics to follow, comma-separated: p50 p90 p99 p99.9 mean max throughput (also tokens_per_s); of generate points also ttft_p50 ttft_p99 tpot_p50 tpot_p99 itl_p50 itl_p99 e2e_p50 e2e_p99 tokens_per_s_per_user (default: p50,p99,throughput, and ttft_p99,tpot_p99 when the runs have generate points).")
    List<String> metrics;

    @Option(names = "--window", paramLabel = "RUNS",
            description = "Runs per sliding window of the split step (default: ${DEFAULT-VALUE}).")
    int window = TrendOptions.DEFAULTS.window();

    @Option(names = "--max-p", paramLabel = "P",
            description = "Largest p-value of a change point, after Benjamini-Hochberg across series (default: ${DEFAULT-VALUE}).")
    double maxP = TrendOptions.DEFAULTS.maxP();

    @Option(names = "--min-segment", paramLabel = "RUNS",
            description = "Fewest runs on either side of a change point (default: ${DEFAULT-VALUE}).")
    int minSegment = TrendOptions.DEFAULTS.minSegment();

    @Option(names = "--min-magnitude", paramLabel = "FRACTION",
            description = "Smallest relative change of the level reported, 0.05 = 5 %% (default: ${DEFAULT-VALUE}).")
    double minMagnitude = TrendOptions.DEFAULTS.minMagnitude();

    @Option(names = "--all", description = "Chart every series, not only those with a change point.")
    boolean all;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for trend.html, trend.md and trend.json (default: <results dir>/trend).")
    Path output;

    @Override
    public Integer call() {
        TrendOptions o = options();
        String url = history.url(locations);
        List<RunMetrics> runs = load(url, sweep);
        PrintWriter out = spec.commandLine().getOut();
        if (runs.isEmpty()) {
            out.println("No runs in the history database " + History.redact(url)
                    + (sweep == null ? "" : " for sweep " + sweep)
                    + ": nothing to analyse. Finished runs are indexed there; `scalebench history list` shows what is.");
            out.flush();
            return 0;
        }
        if (metrics == null) {
            o = o.withGenerationDefaults(runs.stream().filter(r -> sweep == null || sweep.equals(r.sweep())).toList());
        }
        write(runs, o, output != null ? output : locations.results().resolve("trend"), out);
        return 0;
    }

    /** The runs of the history: the command's only database access. */
    static List<RunMetrics> load(String url, String sweep) {
        try (History h = History.open(url)) {
            return h.runs(sweep);
        }
    }

    /** Analyses {@code runs}, writes the three files into {@code dir} and prints the summary. */
    void write(List<RunMetrics> runs, TrendOptions o, Path dir, PrintWriter out) {
        List<RunMetrics> selected = runs.stream().filter(r -> sweep == null || sweep.equals(r.sweep())).toList();
        Trends t = TrendAnalysis.analyze(selected, sweep, o);
        String md = TrendWriter.write(dir, t, all);
        out.print(md);
        out.println();
        out.println("trend: " + dir.resolve(TrendWriter.HTML));
        out.println("       " + dir.resolve(TrendWriter.MARKDOWN));
        out.println("       " + dir.resolve(TrendWriter.JSON));
        out.flush();
    }

    /** The options, validated: every problem at once (exit 2). */
    TrendOptions options() {
        List<String> problems = new ArrayList<>();
        List<TrialMetric> ms = new ArrayList<>();
        if (metrics == null) {
            ms.addAll(TrendOptions.DEFAULTS.metrics());
        } else {
            for (String m : metrics) {
                try {
                    TrialMetric t = TrialMetric.parse(m);
                    if (!ms.contains(t)) {
                        ms.add(t);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("--metric: " + e.getMessage());
                }
            }
        }
        TrendOptions o = new TrendOptions(ms, window, maxP, minSegment, minMagnitude);
        boolean badMetric = !problems.isEmpty();
        o.problems().stream().filter(p -> !(badMetric && p.startsWith("--metric"))).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw ScalebenchException.badInput(String.join("\n  ", problems));
        }
        return o;
    }
}
