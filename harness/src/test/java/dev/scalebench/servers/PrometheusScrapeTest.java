package dev.scalebench.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.cli.Cli;
import dev.scalebench.results.PointRun;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.Run;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus scrapes a running {@code sweep --serve-metrics} every second; what it stored, queried through
 * its HTTP API, matches the run's journal and histogram log: trials done and failed and each point's iteration
 * count exactly, the point's p50 gauge to the double, and {@code histogram_quantile(0.5, ...)} within the bucket of
 * Micrometer's histogram that holds the pooled median of the point's iterations.
 *
 * <p>Why that bound: {@code histogram_quantile} takes rank {@code 0.5·N}, finds the first bucket whose cumulative
 * count reaches it and interpolates linearly between that bucket's lower and upper bound. The exact median (the
 * sample of rank {@code ceil(0.5·N)}) lies in that same bucket, since cumulative counts are integers. So the
 * estimate and the truth share the bucket {@code (lo, le]}; the bound is the bucket's width, read from the {@code le}
 * labels Prometheus stored (Micrometer's timer bounds lie 17 to 33 % apart).
 *
 * <p>The sweep runs with {@code --serve-metrics-linger}, so its endpoint stays up until a scrape read its final
 * state; the queries use {@code last_over_time(...[5m])}, which skips the staleness markers Prometheus writes once
 * the endpoint is gone. No time is asserted: every wait is bounded by a generous limit and fails with the logs.
 */
@Tag(ServerTests.TAG)
class PrometheusScrapeTest {
    private static final String SPEC = """
            name: scraped
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4]
            seq: [32]
            replicates: 3
            measure:
              warmup: {min-iterations: 3, min-time: 2ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 10, min-time: 200ms, max-time: 300ms}
              target-ci: 0.0001
              trial-timeout: 30s
            """;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    void prometheusScrapesTheSweepAndItsQueriesMatchTheJournal(@TempDir Path tmp) throws Exception {
        Path binary = ServerTests.require("prometheus", "prometheus");
        Path spec = Files.writeString(tmp.resolve("scraped.yaml"), SPEC);
        Path results = tmp.resolve("results");
        Path promDir = Files.createDirectory(tmp.resolve("prometheus"));
        int target = PrometheusServer.freePort();
        AtomicReference<Cli.Result> result = new AtomicReference<>();
        Thread sweep = new Thread(() -> result.set(Cli.run("sweep", "--profile", spec.toString(),
                "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", results.toString(), "--no-analyze",
                "--no-history", "--serve-metrics", Integer.toString(target),
                "--serve-metrics-linger", LIMIT.toSeconds() + "s")), "scraped-sweep");
        try (PrometheusServer prometheus = PrometheusServer.start(binary, "127.0.0.1:" + target, promDir, LIMIT)) {
            sweep.start();
            sweep.join(LIMIT.multipliedBy(2).toMillis());
            assertThat(sweep.isAlive()).as("the sweep ended within %s; prometheus log:%n%s", LIMIT.multipliedBy(2),
                    prometheus.log()).isFalse();
            Cli.Result r = result.get();
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).as("a scrape read the final state before the endpoint closed")
                    .doesNotContain("no scrape read the final state");

            Path runDir = Files.list(results).findFirst().orElseThrow();
            long journaled = Files.readAllLines(runDir.resolve("trials.jsonl")).stream()
                    .filter(l -> !l.isBlank()).count();
            Run run = Run.read(runDir);
            assertThat(journaled).isEqualTo(run.trials().size()).isEqualTo(9);
            long failed = run.trials().stream().filter(TrialRun::failed).count();

            String done = "last_over_time(scalebench_sweep_trials_done{job=\"scalebench\"}[5m])";
            double seen = awaitValue(prometheus, done, journaled);
            assertThat(seen).as("Prometheus's trials done").isEqualTo((double) journaled);
            assertThat(prometheus.single("last_over_time(scalebench_trials_failed_total[5m])"))
                    .contains((double) failed);
            assertThat(prometheus.single("last_over_time(scalebench_sweep_trials_planned[5m])"))
                    .contains((double) journaled);

            for (PointRun p : run.points()) {
                assertPointMatches(prometheus, p);
            }
            assertDashboardQueriesEvaluate(prometheus);
        } finally {
            if (sweep.isAlive()) {
                sweep.interrupt();
                sweep.join(LIMIT.toMillis());
            }
        }
    }

    /**
     * Every query of docs/grafana/scalebench.json, its variables set to match everything, is valid PromQL to this
     * Prometheus (the API answers success), and the progress and latency panels' queries find the sweep's series
     * at the time of the last scrape.
     */
    private static void assertDashboardQueriesEvaluate(PrometheusServer prometheus) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana", "scalebench.json")
                .toFile());
        // the endpoint is gone and its series stale now: evaluate when the last scrape was stored, as a
        // dashboard shows the run's last moments
        String at = prometheus.lastSampleTime("scalebench_sweep_trials_done{job=\"scalebench\"}");
        int found = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                String expr = t.path("expr").asText().replace("$sweep", ".*").replace("$device", ".*")
                        .replace("$__rate_interval", "1m");
                List<PrometheusServer.Sample> r = prometheus.query(expr, at); // throws on a PromQL error
                String title = panel.path("title").asText();
                if (title.startsWith("Trials done") || title.startsWith("Step latency")
                        || title.startsWith("Iteration latency")) {
                    assertThat(r).as("%s: %s", title, expr).isNotEmpty();
                    found++;
                }
            }
        }
        assertThat(found).as("dashboard queries checked for data").isGreaterThanOrEqualTo(4);
    }

    /** Polls {@code promql} until it equals {@code expected}, at most {@link #LIMIT}; returns the last value. */
    private static double awaitValue(PrometheusServer prometheus, String promql, double expected) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Optional<Double> v = prometheus.single(promql);
        while (!v.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            v = prometheus.single(promql);
        }
        assertThat(v).as("%s; up: %s; prometheus log:%n%s", promql,
                prometheus.query("count_over_time(up[5m]) or sum_over_time(up[5m])"), prometheus.log()).isPresent();
        return v.get();
    }

    private static void assertPointMatches(PrometheusServer prometheus, PointRun p) throws Exception {
        String sel = "{job=\"scalebench\",model=\"%s\",batch=\"%d\",seq=\"%d\"}"
                .formatted(p.point().model(), p.point().batch(), p.point().seq());
        List<TrialRun> ok = p.trials().stream().filter(TrialRun::measured).toList();
        long iterations = ok.stream().mapToLong(t -> t.record().measured().iterations()).sum();
        assertThat(prometheus.single("last_over_time(scalebench_iteration_latency_seconds_count" + sel + "[5m])"))
                .as("iterations of %s", p.point().id()).contains((double) iterations);
        assertThat(prometheus.single("last_over_time(scalebench_point_latency_p50_seconds" + sel + "[5m])")
                .orElseThrow()).as("p50 gauge of %s", p.point().id())
                .isCloseTo(PointStatistic.median(p.measured(), TrialMetric.P50) / 1e9, within(1e-15));

        double median = pooledMedianSeconds(ok);
        List<Double> bounds = new ArrayList<>();
        for (PrometheusServer.Sample s : prometheus.query(
                "last_over_time(scalebench_iteration_latency_seconds_bucket" + sel + "[5m])")) {
            bounds.add(Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")));
        }
        bounds.sort(null);
        int i = 0;
        while (bounds.get(i) < median) {
            i++;
        }
        double lo = i == 0 ? 0 : bounds.get(i - 1);
        double hi = bounds.get(i);
        double estimate = prometheus.single("histogram_quantile(0.5, sum by (le) (last_over_time("
                + "scalebench_iteration_latency_seconds_bucket" + sel + "[5m])))").orElseThrow();
        assertThat(estimate).as("histogram_quantile(0.5) of %s: the pooled median %s s lies in bucket (%s, %s]",
                p.point().id(), median, lo, hi).isBetween(lo, hi);
    }

    /**
     * The median of every iteration of {@code trials}, pooled as the sweep fed its timer: each recorded value at
     * HdrHistogram's median-equivalent value, the sample of rank {@code ceil(N/2)}; in seconds.
     */
    private static double pooledMedianSeconds(List<TrialRun> trials) {
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        for (TrialRun t : trials) {
            Histogram h = t.histogram();
            for (HistogramIterationValue v : h.recordedValues()) {
                counts.merge(h.medianEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo(),
                        Long::sum);
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long rank = (total + 1) / 2;
        long seen = 0;
        for (var e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey() / 1e9;
            }
        }
        throw new IllegalStateException("no iterations");
    }
}
