package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generate run of the simulator through {@code sweep --slo} and {@code analyze --metric tpot_p99}: TPOT is fitted
 * over batch, and each series gets a capacity answer in {@code fits.json} and the reports.
 */
class GenerateAnalyzeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGenerateRunIsFittedForTpotOverBatchAndAnswersItsCapacity(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("gen.yaml"), """
                name: gen
                backend: sim
                device: cpu
                model: [llama-tiny]
                phase: [generate]
                batch: [1, 2, 4, 8]
                seq: [32]
                output: [4]
                replicates: 2
                measure:
                  warmup: {min-iterations: 2, min-time: 5ms, max-time: 100ms}
                  iterations: {min: 5, min-time: 10ms, max-time: 200ms}
                  target-ci: 0.05
                """);
        Cli.Result sweep = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString(), "--no-history", "--slo", "mlperf-interactive");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("p50 TPOT of llama-tiny fp32 generate at seq 32, output 4, over batch")
                .contains("llama-tiny fp32 generate at seq 32, output 4: every measured batch meets p99 TTFT ≤ 500 ms");
        Path run;
        try (Stream<Path> l = Files.list(tmp.resolve("results"))) {
            run = l.filter(Files::isDirectory).findFirst().orElseThrow();
        }

        Path out = tmp.resolve("tpot");
        Cli.Result r = Cli.run("analyze", run.toString(), "--output", out.toString(), "--metric", "tpot_p99",
                "--bootstrap", "100", "--slo", "tpot-p99=1h", "--slo", "ttft-p99=1ns");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode fits = JSON.readTree(out.resolve("fits.json").toFile());
        assertThat(fits.path("metric").asText()).isEqualTo("tpot_p99");
        List<String> ids = new ArrayList<>();
        fits.path("fits").forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).contains("batch:llama-tiny/fp32/generate/s32/o4/tpot_p99",
                "batch:llama-tiny/fp32/generate/s32/o4/ttft_p50");
        JsonNode tpot = fits.path("fits").get(ids.indexOf("batch:llama-tiny/fp32/generate/s32/o4/tpot_p99"));
        assertThat(tpot.path("selected").isNull()).isFalse();
        assertThat(tpot.path("x").size()).isEqualTo(8);
        JsonNode capacity = fits.path("capacity");
        assertThat(capacity.size()).isEqualTo(2);
        assertThat(capacity.get(0).path("status").asText()).isEqualTo("all-met");
        assertThat(capacity.get(0).path("batch").asDouble()).isEqualTo(8);
        assertThat(capacity.get(1).path("status").asText()).isEqualTo("none-met");
        assertThat(capacity.get(1).path("binding").asText()).isEqualTo("ttft_p99");
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Capacity under SLOs")
                .contains("## Tokens/s per user vs total");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<section id=\"pareto\">");
    }
}
