package dev.scalebench.testengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the engine boundary is open: {@code testengine}, registered only by a line in
 * {@code src/test/resources/META-INF/services/dev.scalebench.backend.BackendProvider}, goes through {@code plan},
 * {@code sweep}, {@code analyze}, {@code compare} and {@code gate} like a shipped engine, {@code doctor} asks it,
 * the sweep-file validation lists it, and a resumed run compares the fingerprint keys it declares. Nothing outside
 * this package names it.
 *
 * <p>{@code compare} and {@code gate} take the run and its twin (the same trials under another run id): this test is
 * about the plumbing, and only identical trials make "no regression" hold by construction on a busy machine.
 */
class TestEngineEndToEndTest {

    private static final String SPEC = """
            name: te
            backend: testengine
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 4]
            seq: [16]
            replicates: 5
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final String POLICY = """
            metrics: {p50: 0.05}
            min-trials: 5
            resamples: 1000
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path spec;
    static Path results;
    static Path run;
    static Cli.Result sweep;

    @BeforeAll
    static void sweep() throws IOException {
        spec = Files.writeString(tmp.resolve("te.yaml"), SPEC);
        results = tmp.resolve("results");
        sweep = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-history");
        assertThat(sweep.code()).as(sweep.out() + sweep.err()).isZero();
        String line = sweep.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        run = Path.of(line.substring("results: ".length()).trim());
    }

    @Test
    void planListsThePointsOfTheSweep() {
        Cli.Result plan = Cli.run("plan", spec.toString(), "--profiles-dir", Cli.PROFILES.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("gpt-1m/fp32/prefill/b4/s16").contains("gpt-1m/fp32/decode/b1/s16")
                .contains("4 points x 5 replicates");
    }

    @Test
    void theSweepRunsEveryTrialOnTheTestEngineAndRecordsItsFingerprintAndDeviceTime() throws IOException {
        JsonNode manifest = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(manifest.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(manifest.path("spec").path("backend").asText()).isEqualTo(TestEngineProvider.NAME);
        assertThat(manifest.path("fingerprint").path("engine").asText()).isEqualTo(TestEngineProvider.NAME);
        assertThat(manifest.path("fingerprint").path(TestEngine.SPEED_KEY).asText()).isEqualTo("20ns-per-token");
        List<JsonNode> trials = trials(run);
        assertThat(trials).hasSize(20).allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("OK"));
        // the engine's device time is its own cost model, exactly: 20 µs + 20 ns per token, every measured step
        for (JsonNode t : trials) {
            String id = t.path("pointId").asText();
            long tokens = id.contains("/prefill/") ? batch(id) * 16L : batch(id);
            assertThat(t.path("deviceNanos").asLong()).as(id)
                    .isEqualTo(t.path("iterations").asLong() * (20_000 + 20 * tokens));
        }
        assertThat(Files.readString(run.resolve("metrics.prom"))).contains("scalebench_device_memory_peak_bytes");
        assertThat(run.resolve("summary.csv")).isRegularFile();
    }

    @Test
    void analyzeFitsTheRun() {
        Path out = tmp.resolve("analysis");
        Cli.Result r = Cli.run("analyze", run.toString(), "--output", out.toString(), "--bootstrap", "20",
                "--hardware", "none", "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fits:   " + out.resolve("fits.json"));
        for (String f : List.of("fits.json", "report.html", "report.md")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
    }

    @Test
    void compareAndGateTakeTheRunAndItsTwin() throws IOException {
        Path twin = twin(run, tmp.resolve("twin").resolve("20261122-000000-te"), "20261122-000000-te");
        Cli.Result compare = Cli.run("compare", run.toString(), twin.toString(), "--hardware", "none",
                "--results-dir", results.toString(), "--resamples", "200");
        assertThat(compare.code()).as(compare.err()).isZero();
        Path out = results.resolve("compare").resolve(run.getFileName() + "--" + twin.getFileName());
        assertThat(compare.out()).contains("report: " + out.resolve("compare.html"));
        assertThat(out.resolve("compare.md")).isRegularFile();

        Path policy = Files.writeString(tmp.resolve("policy.yaml"), POLICY);
        Path gateOut = tmp.resolve("gate");
        Cli.Result gate = Cli.run("gate", "--policy", policy.toString(), "--baseline", run.toString(), "--candidate",
                twin.toString(), "--output", gateOut.toString(), "--results-dir", results.toString(),
                "--profiles-dir", Cli.PROFILES.toString());
        assertThat(gate.code()).as(gate.out() + gate.err()).isZero();
        assertThat(gate.out()).doesNotContain("REGRESSION");
        assertThat(gateOut.resolve("gate.json")).isRegularFile();
    }

    @Test
    void aResumedRunWarnsWhenAResumeKeyOfTheEngineChanged() throws IOException {
        Path half = twin(run, tmp.resolve("half").resolve("20261122-000001-te"), "20261122-000001-te");
        // as an interrupted run: status INTERRUPTED, the last trial not journaled, another engine speed then
        ObjectNode manifest = (ObjectNode) JSON.readTree(half.resolve("run.json").toFile());
        manifest.put("status", "INTERRUPTED");
        ((ObjectNode) manifest.path("fingerprint")).put(TestEngine.SPEED_KEY, "10ns-per-token");
        JSON.writerWithDefaultPrettyPrinter().writeValue(half.resolve("run.json").toFile(), manifest);
        List<String> journal = Files.readAllLines(half.resolve("trials.jsonl"));
        Files.write(half.resolve("trials.jsonl"), journal.subList(0, journal.size() - 1));

        Cli.Result r = Cli.run("sweep", "--resume", half.toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("resume: warning: " + TestEngine.SPEED_KEY
                + " was '10ns-per-token' when the run started and is '20ns-per-token' now");
        assertThat(Files.readAllLines(half.resolve("trials.jsonl"))).hasSize(journal.size());
    }

    @Test
    void anUnknownBackendListsTheRegisteredOnesWithFileAndLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), SPEC.replace("backend: testengine", "backend: nosuch"));
        Cli.Result r = Cli.run("plan", bad.toString(), "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":2: backend 'nosuch' is unknown (allowed: ").contains("testengine")
                .contains("sim").contains("djl").contains("cuda");
    }

    @Test
    void doctorAsksTheTestEngine() {
        Cli.Result r = Cli.run("doctor", "--profiles-dir", Cli.PROFILES.toString(), "--results-dir",
                tmp.resolve("doctor").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("ok +backend testengine +device cpu \\(scalebench test engine\\)");
    }

    private static long batch(String pointId) {
        return Long.parseLong(pointId.replaceAll(".*/b(\\d+)/.*", "$1"));
    }

    private static List<JsonNode> trials(Path dir) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("trials.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** A copy of a run's files under another run id. */
    private static Path twin(Path from, Path to, String runId) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(to.resolve("run.json").toFile());
        manifest.put("runId", runId);
        JSON.writerWithDefaultPrettyPrinter().writeValue(to.resolve("run.json").toFile(), manifest);
        return to;
    }
}
