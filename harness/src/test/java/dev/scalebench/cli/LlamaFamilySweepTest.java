package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Llama-family presets through the commands: {@code plan} reports what does not fit a GPU (llama-3.1-70b in
 * bf16 on 80 GiB), the simulator sweeps llama-tiny with its workload stored, and so does the DJL synthetic decoder,
 * which implements the family (RMSNorm, rotary embeddings, untied LM head; {@code DjlLlamaFamilyTest}).
 */
class LlamaFamilySweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void planReportsTheSeventyBillionModelInfeasibleOnOneEightyGibGpu(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("llama.yaml"), """
                name: llama-plan
                backend: sim
                model: [llama-3.2-1b, llama-3.1-8b, llama-3.1-70b]
                dtype: bf16
                phase: decode
                batch: [1, 8]
                seq: [1024]
                replicates: 3
                device-memory: 80GiB
                """);
        Cli.Result r = Cli.run("plan", spec.toString(), "--profiles-dir", Cli.PROFILES.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("llama-3.1-8b/bf16/decode/b8/s1024", "8.03B")
                .contains("infeasible points (not run)").contains("llama-3.1-70b/bf16/decode/b1/s1024");
        String infeasible = r.out().substring(r.out().indexOf("infeasible points"));
        assertThat(infeasible).contains("llama-3.1-70b").doesNotContain("llama-3.1-8b/");
    }

    @Test
    void theSimulatorSweepsLlamaTinyAndRunJsonKeepsItsWorkload(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("tiny.yaml"), Cli.onePointSimSpec("tiny-llama")
                .replace("model: [gpt-1m]", "model: [llama-tiny]"));
        Cli.Result r = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(), "--results-dir",
                tmp.resolve("results").toString(), "--no-history", "--no-analyze");

        assertThat(r.code()).as(r.err()).isZero();
        Path run = onlyRun(tmp.resolve("results"));
        JsonNode point = JSON.readTree(run.resolve("run.json").toFile()).path("plan").path("points").get(0);
        assertThat(point.path("id").asText()).isEqualTo("llama-tiny/fp32/prefill/b1/s32");
        assertThat(point.path("workload").path("parameters").asLong()).isEqualTo(5_114_112L);
        assertThat(point.path("workload").path("flopsPerStep").asDouble()).isPositive();
        assertThat(Files.readString(run.resolve("summary.csv"))).contains("llama-tiny/fp32/prefill/b1/s32");
    }

    @Test
    void theDjlSyntheticDecoderSweepsLlamaTinyAndFitsNothingItDidNotMeasure(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("tiny-djl.yaml"), Cli.onePointSimSpec("tiny-djl")
                .replace("model: [gpt-1m]", "model: [llama-tiny]").replace("backend: sim", "backend: djl")
                .replace("phase: prefill", "phase: [prefill, decode]"));
        Cli.Result r = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(), "--results-dir",
                tmp.resolve("results").toString(), "--no-history", "--no-analyze");

        assertThat(r.code()).as(r.err()).isZero();
        Path run = onlyRun(tmp.resolve("results"));
        String journal = Files.readString(run.resolve("trials.jsonl"));
        assertThat(journal).contains("llama-tiny/fp32/prefill/b1/s32#r0", "llama-tiny/fp32/decode/b1/s32#r0")
                .doesNotContain("\"FAILED\"");
        assertThat(r.out()).contains("(0 failed in this session)");
    }

    private static Path onlyRun(Path results) throws IOException {
        try (Stream<Path> l = Files.list(results)) {
            return l.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
