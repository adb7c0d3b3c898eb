package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.cli.Cli;
import dev.scalebench.cli.Main;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.testing.FakeCuda;
import dev.scalebench.measure.nvml.FakeNvml;
import dev.scalebench.measure.nvml.Nvml;
import dev.scalebench.plan.Work;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuda backend end to end on the fake driver (kernels test-jar): a real sweep in a child JVM whose
 * {@code libcuda.so.1} checks every launch (grid, block, shared memory, every pointer inside a live allocation) and
 * logs it. No kernel runs, so this checks the plumbing (shapes, order, memory, timing, failures), not numerics.
 */
class CudaFakeSweepTest {

    // gpt-10m: gated FFN and grouped-query attention (6 heads over 2 KV heads, head dim 64).
    private static final ModelConfig GPT_10M = new ModelConfig("gpt-10m", 6, 384, 6, 2, 1024, 2048, true);

    @TempDir
    Path tmp;

    @BeforeEach
    void needsTheFakeDriverAndBuiltKernels() {
        FakeCuda.require();
        assumeTrue(CudaFakeSweepTest.class.getResource("/cuda/gemm.ptx") != null,
                "the kernels were built without nvcc (no /cuda/*.ptx on the class path); the fake driver loads PTX");
    }

    /** The seeds of the fills are 64-bit values, not pointers. */
    private static final String VALUE_ARGS = "fill_normal_:2,fill_ids:2";

    private FakeCuda.Result sweep(String phase, String models, Map<String, String> extraEnv) throws IOException {
        return sweep(phase, models, extraEnv, "");
    }

    private FakeCuda.Result sweep(String phase, String models, Map<String, String> extraEnv, String extraSpec)
            throws IOException {
        return sweep(phase, models, extraEnv, extraSpec, List.of());
    }

    private FakeCuda.Result sweep(String phase, String models, Map<String, String> extraEnv, String extraSpec,
            List<String> extraJvmOptions) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("FAKE_CUDA_VALUE_ARGS", VALUE_ARGS);
        Path spec = Files.writeString(tmp.resolve("f.yaml"), """
                name: fake
                backend: cuda
                device: gpu
                dtype: [bf16]
                phase: [%s]
                model: [%s]
                batch: [2]
                seq: [24]
                replicates: 1
                measure:
                  warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.9, max-time: 1s}
                  iterations: {min: 5, min-time: 1ms, max-time: 1s}
                  target-ci: 0.5
                %s
                """.formatted(phase, models, extraSpec));
        List<String> jvm = new ArrayList<>(List.of("-Dai.djl.offline=true"));
        jvm.addAll(extraJvmOptions);
        return FakeCuda.run(jvm, Main.class, env, "sweep", "--profile", spec.toString(),
                "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", tmp.resolve("results").toString(),
                "--no-history");
    }

    /** The launches of each step: a step starts with the embedding lookup. */
    private static List<List<FakeCuda.Launch>> steps(List<FakeCuda.Launch> launches) {
        List<List<FakeCuda.Launch>> steps = new ArrayList<>();
        for (FakeCuda.Launch l : launches) {
            if (l.kernel().startsWith("embedding_")) {
                steps.add(new ArrayList<>());
            }
            if (!steps.isEmpty() && !l.kernel().startsWith("fill_")) {
                steps.get(steps.size() - 1).add(l);
            }
        }
        return steps;
    }

    private static long arg(FakeCuda.Launch l, int i) {
        return Long.parseLong(l.args().get(i));
    }

    @Test
    void prefillRunsTheDecoderStackWithTheModelsShapesAndTimesTheDevice() throws IOException {
        FakeCuda.Result r = sweep("prefill", "gpt-10m", Map.of());
        r.requireSuccess();
        // the fake refuses cubins (it runs no machine code), so the modules load from PTX; nothing else is refused
        assertThat(r.stderr().lines().filter(l -> l.startsWith("fake libcuda:") && !l.contains("cubin or fatbin")))
                .isEmpty();
        List<List<FakeCuda.Launch>> steps = steps(r.launches());
        // every warm-up and measured iteration is a step (how many depends on the machine's speed: a busy one may
        // reach max-time first; warm-up always runs its minimum of 2)
        JsonNode first = trials().get(0);
        assertThat(first.get("warmupIterations").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.get("iterations").asLong()).isPositive(); // the loop times a step before any limit
        assertThat(steps).hasSizeGreaterThanOrEqualTo(
                (int) (first.get("warmupIterations").asLong() + first.get("iterations").asLong()));
        ModelConfig c = GPT_10M;
        int m = 2 * 24;
        for (List<FakeCuda.Launch> step : steps) {
            List<String> names = step.stream().map(FakeCuda.Launch::kernel).toList();
            List<String> expected = new ArrayList<>(List.of("embedding_bf16"));
            for (int i = 0; i < c.layers(); i++) {
                expected.addAll(List.of("layernorm_bf16", "gemm_nt_bf16", "attention_prefill_bf16_d64", "gemm_nt_bf16",
                        "layernorm_bf16", "gemm_nt_bf16", "silu_mul_bf16", "gemm_nt_bf16"));
            }
            expected.addAll(List.of("layernorm_bf16", "gemm_nt_bf16"));
            assertThat(names).isEqualTo(expected);
            double gemmFlops = step.stream().filter(l -> l.kernel().startsWith("gemm_nt"))
                    .mapToDouble(l -> 2.0 * arg(l, 3) * arg(l, 4) * arg(l, 5)).sum();
            int h = c.hidden();
            double perLayer = 2.0 * m * h * (h + 2 * c.kvHeads() * c.headDim()) + 2.0 * m * h * h
                    + 2.0 * 3 * m * h * c.ffn();
            assertThat(gemmFlops).isEqualTo(c.layers() * perLayer + 2.0 * 2 * h * c.vocab());
        }
        JsonNode trial = trials().get(0);
        assertThat(trial.get("status").asText()).isEqualTo("OK");
        assertThat(trial.get("deviceNanos").asLong()).isPositive();
        // metrics.prom: the peak of the session's device memory, at least gpt-10m's bf16 weights (10.2M params)
        String prom = Files.readString(journal().resolveSibling("metrics.prom"));
        double peak = prom.lines().filter(l -> l.startsWith("scalebench_device_memory_peak_bytes"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        assertThat(peak).as(prom).isGreaterThan(2 * 10.2e6).isLessThan(1e9);
    }

    @Test
    void decodeAppendsToTheCacheAndAttendsOverTheWholeContext() throws IOException {
        FakeCuda.Result r = sweep("decode", "gpt-10m", Map.of());
        r.requireSuccess();
        List<List<FakeCuda.Launch>> steps = steps(r.launches());
        assertThat(steps).isNotEmpty();
        for (List<FakeCuda.Launch> step : steps) {
            List<FakeCuda.Launch> append = step.stream().filter(l -> l.kernel().equals("kv_append_bf16")).toList();
            List<FakeCuda.Launch> attend = step.stream().filter(l -> l.kernel().startsWith("attention_decode_bf16_d64"))
                    .toList();
            assertThat(append).hasSize(GPT_10M.layers());
            assertThat(attend).hasSizeGreaterThanOrEqualTo(GPT_10M.layers());
            // every layer writes its own cache: the k-cache pointers of the appends are all different
            assertThat(append.stream().map(l -> l.args().get(1)).distinct()).hasSize(GPT_10M.layers());
            assertThat(step.stream().filter(l -> l.kernel().startsWith("gemm_nt")).mapToLong(l -> arg(l, 3)))
                    .allMatch(mm -> mm == 2); // one new token per sequence
            // the down projection (K = 1024) of 2 rows splits K across blocks, through the GEMM workspace
            assertThat(step.stream().filter(l -> l.kernel().startsWith("gemm_nt") && arg(l, 5) == 1024).toList())
                    .hasSize(GPT_10M.layers()).allMatch(l -> l.grid().y() == 4 && l.args().get(12).startsWith("ptr:"));
        }
        assertThat(trials()).allMatch(t -> t.get("status").asText().equals("OK"));
    }

    /**
     * llama-tiny (RMSNorm, RoPE theta 500000, untied LM head, 8 heads of 32 over 2 KV heads) generating 4 tokens
     * after a prompt of 24: every request is a prefill pass that writes the prompt's K/V at positions 0..23, then
     * decode steps k = 1..3 at position 23 + k attending over 24 + k positions of one cache of 28, every pass rotating
     * Q and K at its own positions; the request's FLOPs, taken from the launches, are the workload's.
     */
    @Test
    void generateRunsPrefillThenDecodeStepsIntoOneCacheAtTheirPositions() throws IOException {
        FakeCuda.Result r = sweep("generate", "llama-tiny", Map.of(), "output: [4]");
        r.requireSuccess();
        ModelConfig c = new ModelCatalog(Cli.PROFILES.resolve("models")).get("llama-tiny");
        int seq = 24;
        int output = 4;
        List<List<FakeCuda.Launch>> passes = steps(r.launches());
        JsonNode trial = trials().get(0);
        assertThat(trial.get("pointId").asText()).isEqualTo("llama-tiny/bf16/generate/b2/s24/o4");
        assertThat(trial.get("status").asText()).isEqualTo("OK");
        assertThat(trial.get("deviceNanos").asLong()).isPositive();
        long requests = trial.get("warmupIterations").asLong() + trial.get("iterations").asLong();
        assertThat(passes).hasSize((int) (requests * output));
        String embedding = passes.get(0).get(0).args().get(1);
        String cache = null;
        List<String> lmHeads = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            List<FakeCuda.Launch> pass = passes.get(i);
            int k = i % output; // 0: the prefill; k: decode step k
            int tokens = k == 0 ? seq : 1;
            int pos = k == 0 ? 0 : seq + k - 1;
            List<String> expected = new ArrayList<>(List.of("embedding_bf16"));
            for (int l = 0; l < c.layers(); l++) {
                expected.addAll(List.of("rmsnorm_bf16", "gemm_nt_bf16", "rope_bf16", "kv_append_bf16",
                        k == 0 ? "attention_prefill_bf16_d32" : "attention_decode_bf16_d32", "gemm_nt_bf16",
                        "rmsnorm_bf16", "gemm_nt_bf16", "silu_mul_bf16", "gemm_nt_bf16"));
            }
            expected.addAll(List.of("rmsnorm_bf16", "gemm_nt_bf16"));
            assertThat(pass.stream().map(FakeCuda.Launch::kernel).toList()).as("pass %d", i).isEqualTo(expected);
            for (FakeCuda.Launch rope : kernels(pass, "rope_bf16")) { // (qkv, table, batch, tokens, .., pos)
                assertThat(List.of(arg(rope, 2), arg(rope, 3), arg(rope, 8))).as("rope of pass %d", i)
                        .containsExactly(2L, (long) tokens, (long) pos);
            }
            // (qkv, k, v, batch, tokens, heads, kv heads, head dim, ld, pos, cache length)
            List<FakeCuda.Launch> appends = kernels(pass, "kv_append_bf16");
            for (FakeCuda.Launch a : appends) {
                assertThat(List.of(arg(a, 4), arg(a, 9), arg(a, 10))).as("kv_append of pass %d", i)
                        .containsExactly((long) tokens, (long) pos, (long) seq + output);
            }
            if (cache == null) {
                cache = appends.get(0).args().get(1);
            }
            assertThat(appends.get(0).args().get(1)).as("one cache, allocated once").isEqualTo(cache);
            // (qkv, k, v, o, batch, heads, kv heads, ld qkv, ld o, ctx, cache length, ...)
            for (FakeCuda.Launch d : kernels(pass, "attention_decode_bf16_d32")) {
                assertThat(List.of(arg(d, 9), arg(d, 10))).as("context of decode step %d", k)
                        .containsExactly((long) seq + k, (long) seq + output);
            }
            FakeCuda.Launch lmHead = pass.get(pass.size() - 1);
            assertThat(List.of(arg(lmHead, 3), arg(lmHead, 4))).containsExactly(2L, (long) c.vocab());
            lmHeads.add(lmHead.args().get(1));
        }
        assertThat(lmHeads).as("the untied LM head: one matrix, not the embedding").containsOnly(lmHeads.get(0))
                .doesNotContain(embedding);
        // FLOPs of one request from its launches: GEMMs 2·m·n·k; attention 4·b·s²·heads·D (prefill, in full) and
        // 4·b·ctx·heads·D (decode)
        double flops = 0;
        for (List<FakeCuda.Launch> pass : passes.subList(0, output)) {
            for (FakeCuda.Launch l : pass) {
                if (l.kernel().startsWith("gemm_nt")) {
                    flops += 2.0 * arg(l, 3) * arg(l, 4) * arg(l, 5);
                } else if (l.kernel().startsWith("attention_prefill")) {
                    flops += 4.0 * arg(l, 2) * arg(l, 3) * arg(l, 3) * arg(l, 4) * c.headDim();
                } else if (l.kernel().startsWith("attention_decode")) {
                    flops += 4.0 * arg(l, 4) * arg(l, 9) * arg(l, 5) * c.headDim();
                }
            }
        }
        assertThat(flops).isEqualTo(Work.ofRequest(c, 2, seq, output, 2).flops());
        String hlog = Files.readString(journal().resolveSibling("histograms.hlog"));
        assertThat(hlog).contains("/ttft", "/tpot", "/itl");
    }

    /**
     * qwen2.5-7b's exact shape (bf16 weights of 15 GB: the fake maps memory lazily and runs no fill): a decode step
     * adds the Q/K/V bias to the fused projection, rotates the new token's Q and K at position seq (as the DJL decoder
     * places it) and attends over seq + 1 positions.
     */
    @Test
    void qwenDecodeAddsTheQkvBiasAndRotatesTheNewTokenAtPositionSeq() throws IOException {
        FakeCuda.Result r = sweep("decode", "qwen2.5-7b", Map.of());
        r.requireSuccess();
        ModelConfig c = new ModelCatalog(Cli.PROFILES.resolve("models")).get("qwen2.5-7b");
        int q = c.hidden() + 2 * c.kvHeads() * c.headDim();
        List<List<FakeCuda.Launch>> steps = steps(r.launches());
        assertThat(steps).isNotEmpty();
        for (List<FakeCuda.Launch> step : steps) {
            List<String> layer = step.subList(1, 12).stream().map(FakeCuda.Launch::kernel).toList();
            assertThat(layer).containsExactly("rmsnorm_bf16", "gemm_nt_bf16", "bias_add_bf16", "rope_bf16",
                    "kv_append_bf16", "attention_decode_bf16_d128", "gemm_nt_bf16", "rmsnorm_bf16", "gemm_nt_bf16",
                    "silu_mul_bf16", "gemm_nt_bf16");
            List<FakeCuda.Launch> biases = kernels(step, "bias_add_bf16");
            assertThat(biases).hasSize(c.layers()).allMatch(l -> arg(l, 2) == 2 && arg(l, 3) == q && arg(l, 4) == q);
            assertThat(biases.stream().map(l -> l.args().get(1)).distinct()).as("a bias per layer").hasSize(c.layers());
            assertThat(kernels(step, "rope_bf16")).hasSize(c.layers()).allMatch(l -> arg(l, 2) == 2 && arg(l, 3) == 1
                    && arg(l, 4) == c.heads() && arg(l, 5) == c.kvHeads() && arg(l, 6) == 128 && arg(l, 8) == 24);
            assertThat(kernels(step, "kv_append_bf16")).allMatch(l -> arg(l, 9) == 24 && arg(l, 10) == 25);
            assertThat(kernels(step, "attention_decode_bf16_d128")).allMatch(l -> arg(l, 9) == 25);
        }
        assertThat(trials()).allMatch(t -> t.get("status").asText().equals("OK"));
    }

    private static List<FakeCuda.Launch> kernels(List<FakeCuda.Launch> pass, String name) {
        return pass.stream().filter(l -> l.kernel().equals(name)).toList();
    }

    /**
     * With the fake NVML beside the fake driver (its counter scripted to advance 1 500 mJ per read, the clocks
     * thermally throttled from the second read on), every trial journals 1.5 J (the sensor reads the counter once
     * before and once after the loop) and the {@code throttled} flag, and run.json holds the GPU's state.
     */
    @Test
    void energyAndThrottlingFromNvmlReachTheJournal() throws IOException {
        Path script = FakeNvml.script(tmp.resolve("nvml.txt"), Map.of("energy.step.mj", "1500",
                "throttle", "0x1,0x40", "persistence", "0"));
        FakeCuda.Result r = sweep("prefill", "gpt-10m", Map.of("FAKE_NVML_SCRIPT", script.toString()), "",
                List.of("-D" + Nvml.LIBRARY_PROPERTY + "=" + FakeNvml.require()));
        r.requireSuccess();
        List<JsonNode> trials = trials();
        assertThat(trials).isNotEmpty();
        for (JsonNode t : trials) {
            assertThat(t.get("energySource").asText()).isEqualTo("nvml");
            assertThat(t.get("energyJ").asDouble()).isEqualTo(1.5);
            assertThat(t.get("gpuThrottleReasons").asLong() & 0x40).isEqualTo(0x40);
            assertThat(t.get("flags")).extracting(JsonNode::asText).contains("throttled");
        }
        String manifest = Files.readString(journal().resolveSibling("run.json"));
        assertThat(manifest).contains("\"gpu.persistence\" : \"off\"", "\"gpu.power.limit.watts\" : \"700\"");
    }

    @Test
    void aPointThatDoesNotFitIsRecordedAsOutOfMemoryAndTheNextOneRuns() throws IOException {
        // 64 MB: gpt-1m fits, gpt-40m (83 MB of bf16 weights) does not; the plan is made for 80 GiB so that the
        // planner does not drop the point before it runs
        FakeCuda.Result r = sweep("prefill", "gpt-40m, gpt-1m", Map.of("FAKE_CUDA_MEMORY_BYTES", "64000000"),
                "device-memory: 80GiB");
        assertThat(r.exitCode()).as(r.stderr()).isIn(0, 4);
        assertThat(r.stderr()).doesNotContain("still allocated");
        List<JsonNode> trials = trials();
        JsonNode big = trials.stream().filter(t -> t.get("pointId").asText().startsWith("gpt-40m")).findFirst()
                .orElseThrow();
        assertThat(big.get("status").asText()).isEqualTo("FAILED");
        assertThat(big.get("failureKind").asText()).isEqualTo("out-of-memory");
        JsonNode small = trials.stream().filter(t -> t.get("pointId").asText().startsWith("gpt-1m")).findFirst()
                .orElseThrow();
        assertThat(small.get("status").asText()).isEqualTo("OK");
    }

    private Path journal() throws IOException {
        try (Stream<Path> s = Files.walk(tmp.resolve("results"))) {
            return s.filter(p -> p.getFileName().toString().equals("trials.jsonl")).findFirst().orElseThrow();
        }
    }

    private List<JsonNode> trials() throws IOException {
        Path journal = journal();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            out.add(json.readTree(line));
        }
        return out;
    }
}
