package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed in a child JVM (SIGKILL, and SIGTERM) is finished by {@code sweep --resume}: every planned trial
 * ends up journaled exactly once, and no trial that had been journaled is run again.
 */
class KillResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SPEC = """
            name: killme
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 4, 16]
            seq: [32, 128]
            replicates: 3
            measure:
              warmup: {min-iterations: 3, min-time: 10ms, steady-cv: 0.5, max-time: 200ms}
              iterations: {min: 10, min-time: 100ms, max-time: 300ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    private static Process startSweep(Path spec, Path results) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.scalebench.cli.Main", "sweep", "--profile", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", results.toString(), "--progress-interval", "1s");
        pb.redirectErrorStream(true);
        pb.redirectOutput(results.resolveSibling("child.log").toFile());
        return pb.start();
    }

    private static Path awaitJournal(Path results, int lines, Process child) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("child exited early with " + child.exitValue() + ": "
                        + Files.readString(results.resolveSibling("child.log")));
            }
            try (Stream<Path> runs = Files.list(results)) {
                List<Path> dirs = runs.toList();
                if (dirs.size() == 1) {
                    Path journal = dirs.get(0).resolve("trials.jsonl");
                    if (Files.exists(journal) && Files.readAllLines(journal).size() >= lines) {
                        return dirs.get(0);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journal did not reach " + lines + " lines");
    }

    /** Trial id → start time of every complete journal line. */
    private static Map<String, String> journaled(Path run) throws IOException {
        Map<String, String> started = new HashMap<>();
        for (String line : Files.readAllLines(run.resolve("trials.jsonl"))) {
            try {
                JsonNode n = JSON.readTree(line);
                started.put(n.get("trialId").asText(), n.get("started").asText());
            } catch (IOException partial) {
                // the line being written at the kill; resume drops it
            }
        }
        return started;
    }

    private static void assertCompleteAndUnrepeated(Path run, Map<String, String> before) {
        RunReader read = RunReader.read(run);
        RunManifest m = read.manifest();
        assertThat(m.status()).isEqualTo(RunManifest.Status.COMPLETE);
        List<String> planned = m.plan().trialOrder();
        assertThat(planned).hasSize(36);
        List<String> ids = read.trials().stream().map(TrialResult::trialId).toList();
        assertThat(ids).as("each trial once").doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(planned));
        for (TrialResult t : read.trials()) {
            assertThat(t.ok()).isTrue();
            assertThat(read.histogram(t.trialId()).getTotalCount()).isEqualTo(t.iterations());
            if (before.containsKey(t.trialId())) {
                assertThat(t.started().toString()).as("not rerun: " + t.trialId()).isEqualTo(before.get(t.trialId()));
            }
        }
        assertThat(run.resolve("summary.csv")).exists();
        // the resumed session's metrics count the trials journaled before the kill too
        Map<String, Double> metrics = dev.scalebench.metrics.PromText.check(readString(run.resolve("metrics.prom")));
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_sweep_trials_done{")).isEqualTo(36.0);
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_iteration_latency_seconds_count"))
                .isEqualTo((double) read.trials().stream().mapToLong(TrialResult::iterations).sum());
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void killMinus9ThenResumeCompletesEveryTrialOnce(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("killme.yaml"), SPEC);
        Path results = Files.createDirectories(tmp.resolve("results"));
        Process child = startSweep(spec, results);
        Path run = awaitJournal(results, 8, child);
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor()).isNotZero();
        Map<String, String> before = journaled(run);
        assertThat(before.size()).isBetween(8, 35);
        assertThat(RunManifest.read(run.resolve(RunManifest.FILE)).status()).isEqualTo(RunManifest.Status.RUNNING);

        Cli.Result r = Cli.run("sweep", "--resume", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("results: " + run);
        assertCompleteAndUnrepeated(run, before);
    }

    @Test
    void sigtermMarksTheRunInterruptedAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("killme.yaml"), SPEC);
        Path results = Files.createDirectories(tmp.resolve("results"));
        Process child = startSweep(spec, results);
        Path run = awaitJournal(results, 4, child);
        child.destroy(); // SIGTERM: the shutdown hook marks the manifest
        child.waitFor();
        assertThat(RunManifest.read(run.resolve(RunManifest.FILE)).status())
                .isEqualTo(RunManifest.Status.INTERRUPTED);
        Map<String, String> before = journaled(run);

        Cli.Result r = Cli.run("sweep", "--resume", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertCompleteAndUnrepeated(run, before);
    }
}
