package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.report.BmfFormat;
import dev.scalebench.report.BmfWriter;
import dev.scalebench.report.FitsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bmf FILE} of {@code analyze}, {@code compare} and {@code gate} on two small simulated runs: each file is
 * Bencher Metric Format as Bencher documents it ({@code report.BmfFormat}) and holds the same numbers as the
 * command's other outputs: analyze's is exactly the BMF of its own {@code fits.json}; gate's medians, ratios and
 * intervals are those of its {@code gate.json}; compare's medians are the runs' point figures (those analyze
 * writes) and its ratios theirs.
 */
class BmfCommandTest {
    private static final String SPEC = """
            name: bmf
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 2]
            seq: [16]
            replicates: 3
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final String POLICY = """
            metrics: {p99: 0.05, throughput: 0.05}
            min-trials: 3
            resamples: 1000
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path results;
    static Path a;
    static Path b;

    @BeforeAll
    static void sweeps() throws IOException {
        results = tmp.resolve("results");
        Path spec = Files.writeString(tmp.resolve("bmf.yaml"), SPEC);
        a = sweep(spec);
        b = sweep(spec);
    }

    private static Path sweep(Path spec) {
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }

    private static JsonNode bmf(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(BmfFormat.problems(text)).as(text).isEmpty();
        return JSON.readTree(text);
    }

    /** analyze RUN --bmf FILE: the figures of its fits.json; returns the document. */
    private static JsonNode analyze(Path run, String name) throws IOException {
        Path out = tmp.resolve("analyze-" + name);
        Path file = out.resolve("bmf.json");
        Cli.Result r = Cli.run("analyze", run.toString(), "-o", out.toString(), "--bmf", file.toString(),
                "--profiles-dir", Cli.PROFILES.toString(), "--hardware", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bmf:    " + file);
        assertThat(Files.readString(file)).as("the BMF of the analysis its fits.json holds")
                .isEqualTo(BmfWriter.render(FitsJson.read(out.resolve(FitsJson.FILE))));
        return bmf(file);
    }

    @Test
    void analyzeWritesEveryPointsFiguresWithTheirIntervals() throws IOException {
        JsonNode n = analyze(a, "a");
        assertThat(n.fieldNames()).toIterable().containsExactlyInAnyOrder("gpt-1m/fp32/prefill/b1/s16",
                "gpt-1m/fp32/prefill/b2/s16", "gpt-1m/fp32/decode/b1/s16", "gpt-1m/fp32/decode/b2/s16");
        for (JsonNode point : n) {
            assertThat(point.fieldNames()).toIterable().containsExactly("latency-p50", "latency-p99", "throughput");
            assertThat(point.at("/latency-p50/lower_value").isNumber()).as("3 trials: an interval").isTrue();
        }
    }

    @Test
    void gateWritesTheCandidatesMediansAndTheRatiosOfItsGateJson() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), POLICY);
        Path out = tmp.resolve("gate");
        Path file = tmp.resolve("bencher/gate.bmf.json");
        Cli.Result r = Cli.run("gate", "--baseline", a.toString(), "--candidate", b.toString(), "--policy",
                policy.toString(), "--output", out.toString(), "--bmf", file.toString(), "--results-dir",
                results.toString(), "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 1, 3);
        assertThat(r.out()).contains(file.toString());
        JsonNode n = bmf(file);
        JsonNode gate = JSON.readTree(out.resolve("gate.json").toFile());
        List<String> checked = new ArrayList<>();
        for (JsonNode p : gate.get("points")) {
            JsonNode bench = n.get(p.get("id").asText());
            for (JsonNode t : p.get("tests")) {
                String slug = t.get("metric").asText().equals("p99") ? "latency-p99" : "throughput";
                assertThat(bench.at("/" + slug + "/value").doubleValue()).isEqualTo(
                        t.get("candidateMedian").doubleValue());
                assertThat(bench.at("/" + slug + "-ratio/value").doubleValue()).isEqualTo(t.get("ratio").doubleValue());
                assertThat(bench.at("/" + slug + "-ratio/lower_value").doubleValue())
                        .isEqualTo(t.get("interval").get(0).doubleValue());
                assertThat(bench.at("/" + slug + "-ratio/upper_value").doubleValue())
                        .isEqualTo(t.get("interval").get(1).doubleValue());
                checked.add(p.get("id").asText() + " " + slug);
            }
        }
        assertThat(checked).hasSize(8);
    }

    @Test
    void compareWritesTheOtherRunsPointFiguresAndTheirRatios() throws IOException {
        Path file = tmp.resolve("compare.bmf.json");
        Cli.Result r = Cli.run("compare", a.toString(), b.toString(), "--bmf", file.toString(), "--output",
                tmp.resolve("compare").toString(), "--hardware", "none", "--resamples", "200", "--results-dir",
                results.toString(), "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bmf:    " + file);
        JsonNode n = bmf(file);
        JsonNode figuresA = analyze(a, "ca");
        JsonNode figuresB = analyze(b, "cb");
        assertThat(n.size()).isEqualTo(4);
        n.fields().forEachRemaining(e -> {
            JsonNode point = e.getValue();
            assertThat(point.fieldNames()).toIterable().containsExactly("latency-p50", "latency-p50-ratio",
                    "latency-p99", "latency-p99-ratio", "throughput", "throughput-ratio");
            for (String m : List.of("latency-p50", "latency-p99", "throughput")) {
                double other = figuresB.get(e.getKey()).at("/" + m + "/value").doubleValue();
                double base = figuresA.get(e.getKey()).at("/" + m + "/value").doubleValue();
                assertThat(point.at("/" + m + "/value").doubleValue()).as(e.getKey() + " " + m).isEqualTo(other);
                assertThat(point.at("/" + m + "-ratio/value").doubleValue()).as(e.getKey() + " " + m + " ratio")
                        .isCloseTo(other / base, within(other / base * 2e-5));
            }
        });
    }
}
