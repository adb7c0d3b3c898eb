package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on real data: a small CPU sweep on DJL PyTorch, gated with the shipped default policy against an exact
 * copy of itself (another run id). Identical trials can never be called a REGRESSION, however noisy the machine
 * was while it measured them (INCONCLUSIVE is an honest answer on a noisy machine).
 *
 * <p>Two separate sweeps are not compared here: whether they differ depends on what else the machine did between
 * them (a busy machine makes one slower than the other), and a test must not depend on that. The gate's false-alarm
 * rate on independent A/A runs is tested on simulated trials, seeded ({@code GateSimulationTest},
 * {@code AaCalibrationTest}).
 */
class RealAaGateTest {
    private static final String SPEC = """
            name: real-aa
            backend: djl
            device: cpu
            dtype: fp32
            phase: [prefill, decode]
            model: [gpt-1m]
            batch: [1, 4]
            seq: [16]
            replicates: 5
            measure:
              warmup: {min-iterations: 3, min-time: 20ms, steady-cv: 0.2, max-time: 300ms}
              iterations: {min: 20, min-time: 100ms, max-time: 400ms}
              target-ci: 0.02
              trial-timeout: 120s
            """;

    @TempDir
    Path tmp;

    @Test
    void aCpuSweepGatedAgainstItsOwnTrialsNeverRegresses() throws IOException {
        Path spec = Files.writeString(tmp.resolve("real-aa.yaml"), SPEC);
        Path results = tmp.resolve("results");
        Path a = sweep(spec, results);
        Path b = CompareCommandTest.copyWithRunId(a, results.resolve("copy"), "20261122-000000-real-aa");
        Cli.Result r = Cli.run("gate", "--baseline", a.toString(), "--candidate", b.toString(), "--policy", "default",
                "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", results.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 3);
        assertThat(r.out()).contains("gate: ").doesNotContain("gate: REGRESSION");
        assertThat(b.resolve("gate/gate-junit.xml")).isRegularFile();
        assertThat(Files.readString(b.resolve("gate/gate-junit.xml"))).doesNotContain("<failure");
    }

    private static Path sweep(Path spec, Path results) {
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }
}
