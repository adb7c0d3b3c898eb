package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate} and {@code trend} on simulated generate sweeps: a build whose model has twice the layers (every
 * decode step, so the time per output token, about 1.8× slower) blocks on TPOT, against the baseline's folder and
 * against {@code --baseline latest} from the history, whose generation values survive indexing; under the shipped
 * default policy a generate point is tested on ttft_p99, tpot_p99 and throughput, with tpot_p50 and e2e_p99
 * report-only, and not on the step latencies; {@code trend --metric tpot_p99} follows the history's generate points.
 * As in {@link GateCommandTest}, "the same build" is the baseline's own trials under another run id.
 */
class GenerationGateTest {
    private static final String SPEC = """
            name: gg
            backend: sim
            model: [tiny]
            dtype: fp32
            phase: [generate]
            batch: [1, 4]
            seq: [16]
            output: [4]
            replicates: 6
            measure:
              warmup: {min-iterations: 3, min-time: 5ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 20, min-time: 20ms, max-time: 100ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @TempDir
    static Path tmp;
    static Path results;
    static Path base;
    static Path slow;
    static Path twin;
    /**
     * The median TPOT blocking, the median end-to-end latency report-only. Medians, not tails: on a busy machine a
     * trial's p99 of a few dozen requests is its slowest request, which preemption decides (as GateCommandTest
     * gates p50 rather than p99).
     */
    static Path tpot;

    @BeforeAll
    static void sweeps() throws IOException {
        results = tmp.resolve("results");
        Path spec = Files.writeString(tmp.resolve("gg.yaml"), SPEC);
        tpot = Files.writeString(tmp.resolve("tpot.yaml"), """
                metrics: {tpot_p50: 0.05, e2e_p50: 0.05}
                report-only: [e2e_p50]
                resamples: 2000
                """);
        base = sweep(spec, profiles("fast", 2));
        slow = sweep(spec, profiles("slow", 4));
        twin = CompareCommandTest.copyWithRunId(base, tmp.resolve("twin").resolve("20261122-000000-gg"),
                "20261122-000000-gg");
    }

    /** A profiles folder whose model 'tiny' has {@code layers} layers. */
    private static Path profiles(String name, int layers) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("models"));
        long params = 512L * 64 + layers * (64L * 192 + 64 * 64 + 2 * 64 * 256 + 128) + 64;
        Files.writeString(dir.resolve("models/tiny.yaml"), "name: tiny\nlayers: " + layers
                + "\nhidden: 64\nheads: 4\nkv-heads: 4\nffn: 256\nvocab: 512\ngated: false\nparameters: " + params
                + "\n");
        return dir;
    }

    private static Path sweep(Path spec, Path profiles) {
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", profiles.toString(),
                "--results-dir", results.toString(), "--no-analyze");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }

    /** {@code gate} under the default policy ({@code profiles/gates/default.yaml}) unless {@code extra} names one. */
    private static Cli.Result gate(String... extra) {
        List<String> all = new ArrayList<>(List.of("gate", "--results-dir",
                results.toString(), "--profiles-dir", Cli.PROFILES.toString()));
        all.addAll(List.of(extra));
        return Cli.run(all.toArray(String[]::new));
    }

    /** Every test of every point of a gate.json: {@code metric verdict reportOnly}. */
    private static List<String> tests(Path gateJson) throws IOException {
        JsonNode json = new ObjectMapper().readTree(gateJson.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode p : json.get("points")) {
            for (JsonNode t : p.get("tests")) {
                out.add(p.get("id").asText() + " " + t.get("metric").asText() + " " + t.get("verdict").asText()
                        + (t.path("reportOnly").asBoolean() ? " report-only" : ""));
            }
        }
        return out;
    }

    @Test
    void aSlowerDecodeBlocksOnTpot() throws IOException {
        Path out = tmp.resolve("tpot-gate");
        Cli.Result r = gate("--policy", tpot.toString(), "--baseline", base.toString(), "--candidate",
                slow.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(tests(out.resolve("gate.json"))).hasSize(4)
                .contains("tiny/fp32/generate/b1/s16/o4 tpot_p50 REGRESSION",
                        "tiny/fp32/generate/b4/s16/o4 tpot_p50 REGRESSION")
                .anyMatch(t -> t.contains(" e2e_p50 ") && t.endsWith(" report-only"));
        String xml = Files.readString(out.resolve("gate-junit.xml"));
        assertThat(xml.split("<failure", -1)).as("both points fail").hasSize(1 + 2);
    }

    @Test
    void theDefaultPolicyGatesAGeneratePointOnItsOwnMetrics() throws IOException {
        Path out = tmp.resolve("default-gate");
        Cli.Result r = gate("--baseline", base.toString(), "--candidate", slow.toString(), "--output", out.toString());
        // tails and means of a busy machine's sim requests are preemption's: the verdict may be inconclusive,
        // but a 1.8x slower build never passes
        assertThat(r.code()).as(r.out() + r.err()).isIn(1, 3);
        List<String> tests = tests(out.resolve("gate.json"));
        assertThat(tests).as("two generate points x five metrics; p99 is not a generate point's metric").hasSize(10)
                .noneMatch(t -> t.contains(" p99 "))
                .anyMatch(t -> t.contains(" throughput ") && !t.endsWith(" report-only"))
                .anyMatch(t -> t.contains(" ttft_p99 ") && !t.endsWith(" report-only"))
                .anyMatch(t -> t.contains(" tpot_p99 ") && !t.endsWith(" report-only"))
                .anyMatch(t -> t.contains(" tpot_p50 ") && t.endsWith(" report-only"))
                .anyMatch(t -> t.contains(" e2e_p99 ") && t.endsWith(" report-only"));
        assertThat(r.out()).contains("tpot_p50 (report-only)");
    }

    @Test
    void theSameBuildPassesEveryGenerationMetric() throws IOException {
        Path out = tmp.resolve("same-gate");
        Cli.Result r = gate("--baseline", base.toString(), "--candidate", twin.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 3);
        assertThat(tests(out.resolve("gate.json"))).hasSize(10).noneMatch(t -> t.contains("REGRESSION"));
    }

    @Test
    void latestFromTheHistoryKeepsTheGenerationValues() throws IOException {
        Path out = tmp.resolve("latest-gate");
        Cli.Result r = gate("--policy", tpot.toString(), "--baseline", "latest", "--candidate", slow.toString(),
                "--output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("from history: " + base.getFileName());
        assertThat(tests(out.resolve("gate.json"))).hasSize(4)
                .contains("tiny/fp32/generate/b4/s16/o4 tpot_p50 REGRESSION");
    }

    @Test
    void trendFollowsTpotFromTheHistory() throws IOException {
        Path out = tmp.resolve("trend");
        Cli.Result r = Cli.run("trend", "--metric", "tpot_p99", "--results-dir", results.toString(), "--all",
                "--output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("trend.json").toFile());
        assertThat(json.toString()).contains("tpot_p99").contains("generate/b4/s16/o4");
        Cli.Result dflt = Cli.run("trend", "--results-dir", results.toString(), "--output",
                tmp.resolve("trend-default").toString());
        assertThat(dflt.code()).as(dflt.out() + dflt.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(tmp.resolve("trend-default/trend.json").toFile());
        assertThat(d.toString()).as("the defaults gain ttft_p99 and tpot_p99 for generate points")
                .contains("\"ttft_p99\"").contains("\"tpot_p99\"");
    }
}
