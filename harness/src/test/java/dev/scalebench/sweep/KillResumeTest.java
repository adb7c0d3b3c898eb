package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.RunStore;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed in a child JVM (SIGKILL, and SIGTERM) is finished by {@code sweep --resume}: every planned trial
 * ends up journaled exactly once, and no trial that had been journaled is run again.
 *
 * <p>No timing is assumed: the child stops itself after a given histogram ({@link RunStore#STOP_AFTER_HISTOGRAM}) and
 * is signalled there, rather than killed when the test sees some journal lines (a busy machine could let the
 * child run on, or finish, in between).
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
            assertThat(read.histogram(t.trialId()).getTotalCount()).isEqualTo(t.measured().iterations());
            if (before.containsKey(t.trialId())) {
                assertThat(t.started().toString()).as("not rerun: " + t.trialId()).isEqualTo(before.get(t.trialId()));
            }
        }
        assertThat(run.resolve("summary.csv")).exists();
        // the resumed session's metrics count the trials journaled before the kill too
        Map<String, Double> metrics = dev.scalebench.metrics.PromText.check(readString(run.resolve("metrics.prom")));
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_sweep_trials_done{")).isEqualTo(36.0);
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_iteration_latency_seconds_count"))
                .isEqualTo((double) read.trials().stream().mapToLong(t -> t.measured().iterations()).sum());
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
        // the child stops itself right after its 9th histogram, before that trial's journal line (no race with the
        // machine's speed), and is killed there: SIGKILL, no shutdown hook runs
        Child child = Child.sweep(spec, results, tmp.resolve("child.log"), Child.stopAfter(9));
        child.awaitStopped();
        child.signal("KILL");
        assertThat(child.exitCode()).isNotZero();
        Path run = Child.onlyRun(results);
        Map<String, String> before = journaled(run);
        assertThat(before).hasSize(8);
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
        // stopped after its 5th histogram, then SIGTERM (pending while stopped) and SIGCONT: the shutdown hook
        // marks the manifest while trials remain, however fast the machine
        Child child = Child.sweep(spec, results, tmp.resolve("child.log"), Child.stopAfter(5));
        child.awaitStopped();
        child.signal("TERM");
        child.signal("CONT");
        assertThat(child.exitCode()).as(child.output()).isNotZero();
        Path run = Child.onlyRun(results);
        assertThat(RunManifest.read(run.resolve(RunManifest.FILE)).status()).as(child.output())
                .isEqualTo(RunManifest.Status.INTERRUPTED);
        Map<String, String> before = journaled(run);

        Cli.Result r = Cli.run("sweep", "--resume", run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertCompleteAndUnrepeated(run, before);
    }
}
