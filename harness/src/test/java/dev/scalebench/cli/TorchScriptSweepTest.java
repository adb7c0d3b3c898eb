package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's TorchScript model, declared in a sweep file with its input shapes, runs like a preset. */
class TorchScriptSweepTest {

    @Test
    void sweepsATorchScriptModelOverBatch(@TempDir Path tmp) throws Exception {
        Path model = Path.of("src/test/resources/torchscript/tiny-mlp.pt").toAbsolutePath();
        Path spec = Files.writeString(tmp.resolve("ts.yaml"), """
                name: ts
                backend: djl
                phase: prefill
                model:
                  - torchscript: %s
                    name: tiny-mlp
                    inputs:
                      - {name: x, shape: [batch, seq, 16], dtype: fp32}
                batch: [1, 64]
                seq: [4]
                replicates: 1
                measure:
                  warmup: {min-iterations: 3, min-time: 10ms, steady-cv: 0.5, max-time: 1s}
                  iterations: {min: 10, min-time: 50ms, max-time: 500ms}
                  target-ci: 0.05
                """.formatted(model));
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Map<String, Map<String, String>> rows = SweepEndToEndTest.csv(Files.readString(run.resolve("summary.csv")));
        assertThat(rows).containsOnlyKeys("tiny-mlp/fp32/prefill/b1/s4", "tiny-mlp/fp32/prefill/b64/s4");
        for (Map<String, String> row : rows.values()) {
            assertThat(row.get("status")).isEqualTo("ok");
            assertThat(row.get("params")).isEmpty();
            assertThat(row.get("gflop_per_s")).isEmpty(); // no analytic FLOPs for a user model
            assertThat(Double.parseDouble(row.get("tokens_per_s"))).isPositive();
        }
    }
}
