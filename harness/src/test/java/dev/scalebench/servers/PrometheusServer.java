package dev.scalebench.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server (Debian's {@code prometheus}) for one test: started in a temporary folder with a generated
 * configuration that scrapes one target every second, listening on 127.0.0.1 only, queried through its HTTP API
 * ({@code /api/v1/query}), and stopped by {@link #close()} (the process and its children, whatever state they are
 * in).
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The configuration it runs with: one job, {@code scalebench}, scraping {@code http://<target>/metrics} every
     * second (the snippet the docs show, with the interval shortened for a test).
     */
    static String config(String target) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: scalebench
                    static_configs:
                      - targets: ['%s']
                """.formatted(target);
    }

    /** A port that was free a moment ago, on the loopback address. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code binary} scraping {@code target} ({@code host:port}), its data and log under {@code dir}, and
     * waits (at most {@code ready}) until it answers {@code /-/ready}.
     */
    static PrometheusServer start(Path binary, String target, Path dir, Duration ready)
            throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("prometheus.yml"), config(target));
        Path log = dir.resolve("prometheus.log");
        int port = freePort();
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.console.templates=" + dir.resolve("consoles"),
                "--web.console.libraries=" + dir.resolve("console_libraries"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port, log);
        try {
            long deadline = System.nanoTime() + ready.toNanos();
            while (!server.ready()) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + p.exitValue() + ":\n" + server.log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("prometheus not ready on 127.0.0.1:" + port + " within "
                            + ready + ":\n" + server.log());
                }
                Thread.sleep(100);
            }
            return server;
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/-/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What the server has logged so far and its targets' state (for failure messages). */
    String log() {
        String targets;
        try {
            targets = http.send(HttpRequest.newBuilder(uri("/api/v1/targets")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            targets = "(no targets: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            targets = "(interrupted)";
        }
        try {
            return Files.readString(log) + "\ntargets: " + targets;
        } catch (IOException e) {
            return "(no log: " + e + ")\ntargets: " + targets;
        }
    }

    /** One series of an instant query's result: its labels and value. */
    record Sample(Map<String, String> labels, double value) { }

    /**
     * Evaluates {@code promql} now ({@code GET /api/v1/query}) and returns the vector's samples (a scalar as one
     * sample without labels).
     *
     * @throws IllegalStateException when the API answers with an error
     */
    List<Sample> query(String promql) throws IOException, InterruptedException {
        return query(promql, null);
    }

    /**
     * As {@link #query(String)}, evaluated at {@code time} (Unix seconds as Prometheus writes them; {@code null}:
     * now).
     */
    List<Sample> query(String promql, String time) throws IOException, InterruptedException {
        JsonNode data = api(promql, time);
        List<Sample> out = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            out.add(new Sample(Map.of(), Double.parseDouble(data.path("result").get(1).asText())));
            return out;
        }
        for (JsonNode s : data.path("result")) {
            Map<String, String> labels = new TreeMap<>();
            s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            out.add(new Sample(labels, Double.parseDouble(s.path("value").get(1).asText())));
        }
        return out;
    }

    /**
     * The time of the last sample stored of the series {@code selector} names (one series), as Prometheus writes
     * it: a time at which an instant query still sees the series, after its target is gone.
     */
    String lastSampleTime(String selector) throws IOException, InterruptedException {
        JsonNode result = api(selector + "[5m]", null).path("result");
        if (result.size() != 1) {
            throw new IllegalStateException(selector + ": expected one series, got " + result);
        }
        JsonNode values = result.get(0).path("values");
        return values.get(values.size() - 1).get(0).asText();
    }

    private JsonNode api(String promql, String time) throws IOException, InterruptedException {
        String q = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (time == null ? "" : "&time=" + time);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(q)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return body.path("data");
    }

    /** The value of a query that yields one sample, if it yields one. */
    Optional<Double> single(String promql) throws IOException, InterruptedException {
        List<Sample> r = query(promql);
        if (r.size() > 1) {
            throw new IllegalStateException("query " + promql + ": expected one sample, got " + r);
        }
        return r.stream().findFirst().map(Sample::value);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
