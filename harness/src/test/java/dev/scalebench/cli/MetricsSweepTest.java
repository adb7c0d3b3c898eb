package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.metrics.PromText;
import dev.scalebench.metrics.RecordingServer;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's metrics: metrics.prom in the run folder, the Pushgateway push at the end, the live scrape endpoint. */
class MetricsSweepTest {
    private static final String SPEC = """
            name: metered
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4]
            seq: [32]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 2ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 10, min-time: 150ms, max-time: 300ms}
              target-ci: 0.0001
              trial-timeout: 30s
            """;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String scrape(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void aSweepServesItsMetricsWhileRunningThenWritesAndPushesTheSameExposition(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("metered.yaml"), SPEC);
        Path results = tmp.resolve("results");
        int port = freePort();
        try (RecordingServer gateway = new RecordingServer(200)) {
            AtomicReference<Cli.Result> result = new AtomicReference<>();
            Thread sweep = new Thread(() -> result.set(Cli.run("sweep", "--profile", spec.toString(),
                    "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", results.toString(), "--no-analyze",
                    "--no-history", "--push-gateway", gateway.url(), "--serve-metrics", Integer.toString(port))));
            sweep.start();
            HttpClient http = HttpClient.newHttpClient();
            List<Map<String, Double>> during = new ArrayList<>();
            while (sweep.isAlive()) {
                String body = scrape(http, port);
                if (body != null && body.contains("scalebench_sweep_trials_done") && sweep.isAlive()) {
                    during.add(PromText.check(body));
                }
                Thread.sleep(20);
            }
            sweep.join();
            Cli.Result r = result.get();
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("metrics: serving http://127.0.0.1:" + port + "/metrics (this machine only)")
                    .contains("metrics: pushed to " + gateway.url() + "/metrics/job/scalebench/instance/");

            // scraped while the sweep ran: the run's 6 trials planned, not all of them done yet
            assertThat(during).isNotEmpty();
            assertThat(during).allSatisfy(s -> assertThat(PromText.sum(s, "scalebench_sweep_trials_planned{"))
                    .isEqualTo(6.0));
            assertThat(during.stream().mapToDouble(s -> PromText.sum(s, "scalebench_sweep_trials_done{")).min()
                    .orElseThrow()).isLessThan(6.0);
            assertThat(scrape(http, port)).as("the endpoint closes with the sweep").isNull();

            Path run = results.toFile().listFiles()[0].toPath();
            Path prom = run.resolve("metrics.prom");
            String text = Files.readString(prom);
            Map<String, Double> s = PromText.check(text);
            RunReader read = RunReader.read(run);
            for (int batch : new int[] {1, 2, 4}) {
                long iterations = read.trials().stream()
                        .filter(t -> t.pointId().equals("gpt-1m/fp32/prefill/b" + batch + "/s32"))
                        .mapToLong(t -> t.measured().iterations()).sum();
                assertThat(iterations).isPositive();
                assertThat(PromText.sum(s, "scalebench_iteration_latency_seconds_count", "batch=\"" + batch + "\"",
                        "seq=\"32\"", "model=\"gpt-1m\"", "backend=\"sim\"", "sweep=\"metered\""))
                        .as("iterations of batch %d", batch).isEqualTo((double) iterations);
            }
            assertThat(PromText.sum(s, "scalebench_sweep_trials_done{")).isEqualTo(6.0);
            assertThat(PromText.sum(s, "scalebench_sweep_progress{")).isEqualTo(1.0);
            assertThat(PromText.sum(s, "scalebench_trials_failed_total")).isZero();

            assertThat(gateway.requests()).singleElement().satisfies(req -> {
                assertThat(req.method()).isEqualTo("PUT");
                assertThat(req.path()).startsWith("/metrics/job/scalebench/instance/");
                assertThat(req.body()).isEqualTo(text);
            });
            PromText.promtoolAccepts(prom);
        }
    }

    @Test
    void anUnreachableGatewayOnlyWarnsAndBadOptionsAreRejected(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("metered.yaml"), SPEC.replace("[1, 2, 4]", "[1]")
                .replace("replicates: 2", "replicates: 1").replace("min-time: 150ms", "min-time: 5ms"));
        Path results = tmp.resolve("results");
        int closed = freePort();
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history",
                "--push-gateway", "http://127.0.0.1:" + closed);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("metrics: warning: push to the Pushgateway failed: http://127.0.0.1:" + closed
                + "/metrics/job/scalebench/instance/").contains("metrics.prom");
        assertThat(results.toFile().listFiles()[0].toPath().resolve("metrics.prom")).isNotEmptyFile();

        Cli.Result badUrl = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--push-gateway", "pushgateway:9091");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--push-gateway pushgateway:9091: must be an http:// or https:// URL");
        Cli.Result badPort = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--serve-metrics", "70000");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--serve-metrics 70000: expected PORT or ADDRESS:PORT");
        try (ServerSocket busy = new ServerSocket(0)) {
            Cli.Result inUse = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir",
                    Cli.PROFILES.toString(), "--results-dir", results.toString(), "--serve-metrics",
                    Integer.toString(busy.getLocalPort()));
            assertThat(inUse.code()).isEqualTo(2);
            assertThat(inUse.err()).contains("--serve-metrics 127.0.0.1:" + busy.getLocalPort()
                    + ": cannot listen on this address and port");
        }
        assertThat(results.toFile().listFiles()).as("no run folder for rejected options").hasSize(1);
    }

    @Test
    void aShardPushesToItsOwnGroupAndLabelsEverySample(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("metered.yaml"), SPEC.replace("min-time: 150ms", "min-time: 5ms"));
        Path results = tmp.resolve("results");
        try (RecordingServer gateway = new RecordingServer(200)) {
            Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                    "--results-dir", results.toString(), "--no-analyze", "--no-history", "--shard", "1/2",
                    "--push-gateway", gateway.url());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(gateway.requests()).singleElement().satisfies(req ->
                    assertThat(req.path()).startsWith("/metrics/job/scalebench/instance/").endsWith("/shard/1of2"));
            Map<String, Double> s = PromText.check(Files.readString(
                    results.toFile().listFiles()[0].toPath().resolve("metrics.prom")));
            assertThat(s.keySet()).allMatch(k -> k.contains("shard=\"1of2\""));
        }
    }
}
