package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import dev.scalebench.config.Units;
import dev.scalebench.metrics.MetricsExport;
import dev.scalebench.metrics.MetricsServer;
import dev.scalebench.plan.Shard;
import dev.scalebench.progress.Progress;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.history.History;
import dev.scalebench.sweep.RunPipeline;
import dev.scalebench.sweep.SweepService;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scalebench sweep}: the main job. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {
            "Runs a sweep: every point of the plan, each replicate as a separate trial (warm-up until steady, then measured iterations into a latency histogram), in randomized blocks. Results go to results/<UTC time>-<sweep name>/: run.json (manifest), trials.jsonl (journal, one line per trial), histograms.hlog (one HdrHistogram per trial) and summary.csv (per point) and metrics.prom (Prometheus text format, for node_exporter's textfile collector); at the end the run is analysed (see 'analyze') into fits.json, report.html and report.md, and added to the history database (see 'history'; a history failure is only a warning). A point that fails is recorded with its reason and the sweep goes on. Progress goes to standard error; the run folder is printed on standard output at the end. Ctrl-C or SIGTERM stops it: the run is marked INTERRUPTED and added to the history, and the last line says how many trials are done and how to resume it.",
            ""},
        footer = {"", "Examples:",
            "  scalebench sweep                          the default CPU sweep (profiles/sweeps/smoke.yaml)",
            "  scalebench sweep --profile nightly        a GPU sweep",
            "  scalebench sweep my.yaml --budget 30m    a sweep file: --profile my.yaml",
            "  scalebench sweep --resume results/20261122-081500-smoke   finish a killed run",
            "  scalebench sweep --profile nightly --shard 2/8   the second of 8 shards (see 'merge')",
            "  scalebench sweep --profile nightly --push-gateway http://pushgateway:9091 --serve-metrics 0.0.0.0:9464"})
final class SweepCommand implements Callable<Integer> {

    /** How long an interrupted run's indexing into the history may hold up the exit. */
    static final int STOP_INDEX_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    SweepSelection selection;

    @Mixin
    TrimOption trim;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Finish an interrupted run (even after kill -9): runs the trials its journal lacks, "
                    + "repeats none. --profile and --budget are ignored: the run's own spec is used.")
    Path resume;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "Time between plain progress lines when standard error is not a terminal "
                    + "(default: ${DEFAULT-VALUE}).")
    String progressInterval;

    @Option(names = "--push-gateway", paramLabel = "URL",
            description = "At the end of the run, push its metrics (the content of metrics.prom) to this Prometheus "
                    + "Pushgateway, as job 'scalebench', instance <host name>. A failed push is a warning.")
    String pushGateway;

    @Option(names = "--serve-metrics", paramLabel = "[ADDRESS:]PORT",
            description = "Serve the live metrics at http://ADDRESS:PORT/metrics while the sweep runs. PORT alone "
                    + "listens on 127.0.0.1 (this machine only); name an address to be scraped from elsewhere: "
                    + "0.0.0.0:PORT or [::]:PORT (every interface), 192.168.1.5:PORT (one). PORT 0: any free port.")
    String serveMetrics;

    @Option(names = "--serve-metrics-linger", paramLabel = "DURATION",
            description = "With --serve-metrics: after the run, keep serving until a scrape has read its final "
                    + "state, at most DURATION (e.g. 30s: twice the scraper's interval), so a scraper that polls "
                    + "sees the last trials. Without it the endpoint closes with the sweep.")
    String serveMetricsLinger;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N (1-based, e.g. 2/8): the points whose id hashes to K (SHA-256), "
                    + "so the split is stable for the same plan and every replicate of a point runs in the same "
                    + "shard. The run folder ends in -KofN and run.json records the shard; the budget applies to "
                    + "each shard on its own. Combine the shards with 'scalebench merge'.")
    String shard;

    @Mixin
    HistoryOptions history;

    @Option(names = "--no-history",
            description = "Do not add the run to the history database (add it later with 'scalebench history index RUN_DIR').")
    boolean noHistory;

    @Option(names = "--slo", paramLabel = "SLO", description = AnalysisOptions.SLO_HELP)
    java.util.List<String> slo = new java.util.ArrayList<>();

    @Option(names = "--no-analyze",
            description = "Do not fit and report at the end (run 'scalebench analyze RUN_DIR' later).")
    boolean noAnalyze;

    @Override
    public Integer call() {
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        Duration interval = parseDuration("--progress-interval", progressInterval);
        AnalysisOptions.slos(slo);
        SweepService service = new SweepService(locations.results(), Locations.home(), err, Progress.isTerminal(),
                interval).trim(trim.override());
        InetSocketAddress metricsAddress = serveMetrics == null ? null : parseServeMetrics(serveMetrics);
        Duration linger = serveMetricsLinger == null ? null
                : parseDuration("--serve-metrics-linger", serveMetricsLinger);
        if (pushGateway != null && !pushGateway.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw ScalebenchException.badInput("--push-gateway " + Secrets.mask(pushGateway)
                    + ": must be an http:// or https:// URL, such as http://pushgateway:9091");
        }
        Shard parsed = resume != null || shard == null ? null : parseShard(shard);
        int[] code = {0};
        // analysis and history run while the sweep still holds the run's lock
        SweepService.AfterRun after = outcome -> code[0] = afterRun(outcome);
        try (MetricsServer server = metricsAddress == null ? null : MetricsServer.start(metricsAddress)) {
            if (server != null) {
                err.println("metrics: serving " + server.describe() + " while the sweep runs");
            }
            service.metrics(new MetricsExport(pushGateway, server));
            service.onStop(this::afterStop);
            if (resume != null) {
                if (!SweepService.isRunDir(resume)) {
                    throw ScalebenchException.badInput("--resume " + resume + ": not a run folder (no run.json)");
                }
                service.resume(resume, after);
            } else {
                service.start(selection.load(locations), selection.profile(), parsed, after);
            }
            if (server != null && linger != null) {
                linger(server, linger, err);
            }
        }
        return code[0];
    }

    /** {@code --serve-metrics-linger}: serves on until a scrape has read the final state, at most {@code max}. */
    private static void linger(MetricsServer server, Duration max, PrintStream err) {
        try {
            if (!server.linger(max)) {
                err.println("metrics: warning: no scrape read the final state within " + Units.formatDuration(max)
                        + " (--serve-metrics-linger); closing " + server.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the trials: says where the results are, then the pipeline; returns the exit code. */
    private int afterRun(SweepService.Outcome outcome) {
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().printf("%s trials in %s (%d failed in this session)%n",
                outcome.trials(), outcome.dir(), outcome.failedNow());
        return pipeline(outcome.dir()).finish(outcome.run(), "sweep");
    }

    /** The steps after the last trial, as the options say. */
    private RunPipeline pipeline(Path dir) {
        PrintWriter err = spec.commandLine().getErr();
        AnalysisOptions defaults = AnalysisOptions.withSlo(slo);
        return new RunPipeline(noAnalyze ? null : data -> defaults.analyze(data, locations.profiles(), "sweep", err),
                noHistory ? null : new RunPipeline.HistoryTarget(historyUrl(dir), historyRetry(dir)),
                spec.commandLine().getOut(), err);
    }

    /**
     * A run that was interrupted (from the shutdown hook) or failed: added to the history with its status, so
     * {@code history list} shows it; given {@value #STOP_INDEX_SECONDS} s, since the JVM may be going down.
     */
    private void afterStop(Path dir, RunManifest.Status status) {
        if (noHistory) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        RunPipeline pipeline = pipeline(dir);
        Thread index = new Thread(() -> pipeline.indexStopped(dir, status), "scalebench-history");
        index.setDaemon(true);
        index.start();
        try {
            index.join(Duration.ofSeconds(STOP_INDEX_SECONDS).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (index.isAlive()) {
            err.println("scalebench: warning: the " + status + " run was not added to the history within "
                    + STOP_INDEX_SECONDS + " s; add it with: " + historyRetry(dir));
            err.flush();
        }
    }

    /** The history's URL: as given, else in the results folder (for a resumed run: the folder it lies in). */
    private String historyUrl(Path runDir) {
        if (history.url == null && locations.resultsDir == null && resume != null) {
            return "jdbc:sqlite:" + runFolderParent(runDir).resolve(HistoryOptions.DEFAULT_FILE);
        }
        return history.url(locations);
    }

    private String historyRetry(Path runDir) {
        String cmd = "scalebench history index " + runDir;
        if (history.url != null) {
            return cmd + " --history-url " + History.redact(history.url);
        }
        Path results = locations.resultsDir != null ? locations.resultsDir : resume != null ? runFolderParent(runDir) : null;
        return results == null ? cmd : cmd + " --results-dir " + results;
    }

    private static Path runFolderParent(Path runDir) {
        return runDir.toAbsolutePath().normalize().getParent();
    }

    static Shard parseShard(String text) {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--shard " + text + ": " + e.getMessage());
        }
    }

    /**
     * {@code --serve-metrics}: {@code PORT} (on 127.0.0.1) or {@code ADDRESS:PORT}, ADDRESS an IPv4 address, an
     * IPv6 address in brackets or a host name; PORT 0 to 65535.
     */
    static InetSocketAddress parseServeMetrics(String text) {
        Matcher m = Pattern.compile("(?:(\\[[^\\[\\]\\s]+]|[^\\[\\]:\\s]+):)?(\\d{1,5})").matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            throw ScalebenchException.badInput("--serve-metrics " + text + ": expected PORT or ADDRESS:PORT, such as "
                    + "9464 (127.0.0.1, this machine only), 0.0.0.0:9464 or [::]:9464 (every interface), "
                    + "192.168.1.5:9464; PORT 0 to 65535 (0: any free port)");
        }
        int port = Integer.parseInt(m.group(2));
        String host = m.group(1) == null ? "127.0.0.1" : m.group(1);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw ScalebenchException.badInput("--serve-metrics " + text + ": " + host + " is neither an IP address"
                    + " (IPv6 in brackets: [::1]:9464) nor a host name this machine knows");
        }
    }

    static Duration parseDuration(String option, String text) {
        try {
            Duration d = Units.parseDuration(text);
            if (d == null || d.isNegative() || d.isZero()) {
                throw ScalebenchException.badInput(option + " " + text + ": must be a positive duration such as 90s, 30m, 2h");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput(option + " " + text + ": " + e.getMessage()
                    + " (a duration such as 500ms, 90s, 30m, 2h)");
        }
    }
}
