package dev.scalebench.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.testing.FakeCuda;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KernelBench through the fake driver ({@link FakeCuda}): with no device it prints the reason and exits 4; with one
 * it loads every module, binds every case (buffers the fake accepts), runs the timing protocol with exactly the
 * launches it promises, and prints a line for every case; {@code compare-kernels.sh} turns that into a table.
 * Skipped without gcc, or without the kernels' PTX (built only where nvcc is).
 */
class KernelBenchFakeCudaTest {
    private static final String[] SMALL = {"--reps", "2", "--warmup", "1", "--warmup-ms", "0", "--rep-ms", "0",
        "--launches", "20"};
    private static final Map<String, String> ENV = Map.of("FAKE_CUDA_VALUE_ARGS", "fill_normal:2,fill_ids:2");

    @Test
    void withoutADeviceItPrintsTheReasonAndExits4() {
        FakeCuda.Result r = FakeCuda.run(KernelBench.class, Map.of("FAKE_CUDA_DEVICES", "0"), "--ops", "gemm");
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(4);
        assertThat(r.stderr()).contains("unavailable: cuInit failed: CUDA_ERROR_NO_DEVICE").contains("fix: ");
        assertThat(r.stdout()).doesNotContain("{");
        assertThat(r.launches()).isEmpty();
    }

    private static void requireKernels() {
        FakeCuda.require();
        for (String m : List.of("gemm", "softmax", "norm", "activation", "embedding", "attention", "rope", "init",
                "probes")) {
            Assumptions.assumeTrue(KernelBenchFakeCudaTest.class.getResource("/cuda/" + m + ".ptx") != null,
                    m + ".ptx is not on the class path: the kernels were built without nvcc");
        }
    }

    @Test
    void everyCaseRunsWithTheLaunchesTheProtocolPromises() {
        requireKernels();
        FakeCuda.Result r = FakeCuda.run(List.of("-Xmx512m"), KernelBench.class, ENV, SMALL).requireSuccess();
        List<String> json = r.stdout().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(json.get(0)).startsWith("{\"meta\":true,\"impl\":\"scalebench\",\"device\":\"NVIDIA H100")
                .contains("\"load\":[\"gemm: PTX").contains("\"spacer\":true");
        List<BenchCase> cases = BenchCases.all();
        assertThat(json).hasSize(cases.size() + 1);
        for (int i = 0; i < cases.size(); i++) {
            BenchCase c = cases.get(i);
            String line = json.get(i + 1);
            assertThat(line).as(c.toString()).startsWith("{\"op\":\"" + c.op() + "\",\"impl\":\"scalebench\",\"dtype\":\""
                    + c.dtype() + "\",\"shape\":\"" + c.shape() + "\"").doesNotContain("\"error\"");
            assertThat(line).contains(c.group().equals("gap") ? "\"device_ns\":" : "\"median_us\":",
                    "\"device\":\"NVIDIA H100 80GB HBM3 (fake)\"");
        }
        assertThat(r.stdout()).contains("# NVIDIA H100 80GB HBM3 (fake) (sm_90, 132 SMs)", "# launch gap (");

        Map<String, Long> launches = r.launches().stream()
                .collect(Collectors.groupingBy(FakeCuda.Launch::kernel, Collectors.counting()));
        // per case: 1 untimed + 1 to estimate + 1 warm-up + 2 repetitions of 1 launch
        for (String k : List.of("gemm_nt_f32", "gemm_nt_f16", "layernorm_f16", "gelu_bf16", "silu_mul_f32",
                "attention_prefill_bf16_d64", "attention_prefill_f16_d128", "attention_decode_f16_d128",
                "probe_copy_f32", "probe_triad_f32")) {
            assertThat(launches.get(k)).as(k).isEqualTo(5);
        }
        assertThat(launches.get("gemm_nt_bf16")).isEqualTo(6 * 5);
        assertThat(launches.get("softmax_rows_bf16")).isEqualTo(2 * 5);
        // the spacer: 2 to calibrate, then one before each repetition of every case (the gap's device timing too)
        assertThat(launches.get("probe_fma_f32")).isEqualTo(2 + 2L * cases.size());
        // the gap: 20 + 20 to warm up, 3 rounds of 20 through Kernels and 20 bare, then the protocol's 5
        assertThat(launches.get("add_f32")).isEqualTo(40 + 3 * 40 + 5);
        FakeCuda.Launch spacer = r.launches().stream().filter(l -> l.kernel().equals("probe_fma_f32")).skip(2)
                .findFirst().orElseThrow();
        assertThat(spacer.grid().x()).as("one block").isEqualTo(1);
    }

    @Test
    void compareKernelsWritesTheRawLinesAndTheTable(@TempDir Path out) throws IOException {
        requireKernels();
        Assumptions.assumeTrue(Tools.python("import json").isPresent(), "no python3 to join the lines");
        Path script = Tools.dir().resolve("compare-kernels.sh");
        Map<String, String> env = new HashMap<>(ENV);
        env.put("LD_LIBRARY_PATH", FakeCuda.require().toString());
        env.put("SCALEBENCH_CP", System.getProperty("java.class.path"));
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("BENCH_TIMEOUT", "300"); // per side; generous for a busy machine
        env.remove("OUT");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--out", out.toString(),
                "--ops", "probes,gemm,gap"));
        command.addAll(List.of(SMALL));
        Tools.Result r = Tools.run(command, env, 900);
        // the fake runs no PyTorch: its side fails (no torch, or no usable GPU), so the command exits 4
        assertThat(r.exit()).as(r.both()).isEqualTo(4);
        Map<String, String> files = Files.list(out).collect(Collectors.toMap(p -> p.getFileName().toString(),
                p -> read(p), (a, b) -> a));
        assertThat(files).containsKeys("scalebench.jsonl", "scalebench.out", "scalebench.err", "torch.jsonl",
                "torch.out", "torch.err", "nvidia-smi.txt", "table.md");
        assertThat(files.get("scalebench.jsonl").lines().toList()).hasSize(1 + 2 + 8 + 1)
                .allSatisfy(l -> assertThat(l).startsWith("{"));
        assertThat(files.get("scalebench.out")).contains("# launch gap");
        String table = files.get("table.md");
        assertThat(r.out()).isEqualTo(table);
        assertThat(table).contains("Device: **NVIDIA H100 80GB HBM3 (fake)**; data sheet `h100-sxm`",
                "| gemm_nt (square) | bf16 | M=4096,N=4096,K=4096 |", "| scalebench | 20 |");
        assertThat(r.err()).contains("== scalebench: KernelBench", "== PyTorch: torch_ops.py",
                "compare-kernels: wrote " + out + " (KernelBench exit 0, torch_ops.py exit ");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
