package dev.scalebench.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.Cuda;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts of {@code tools/gpu} without a GPU: they compile, {@code join.py} turns a fixture of both sides' JSON
 * lines into the expected rows and marks, {@code torch_ops.py} lists exactly KernelBench's cases and costs, and (where
 * a python3 has PyTorch) runs every case once on the CPU. Skipped, with the reason, where there is no python3.
 */
class PythonToolsTest {
    private static final String PYTHON = "python3";
    private static Path tools;

    @BeforeAll
    static void python() {
        Assumptions.assumeTrue(Tools.python("import json, argparse").isPresent(),
                "no python3 on the PATH: the tools/gpu scripts are not tested");
        tools = Tools.dir();
    }

    private static Tools.Result py(String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        return Tools.run(command, Map.of(), 120);
    }

    @Test
    void theScriptsCompile() {
        for (String s : List.of("torch_ops.py", "join.py", "energy_check.py")) {
            // py_compile's check without writing __pycache__ into the source tree
            Tools.Result r = py("-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')",
                    tools.resolve(s).toString());
            assertThat(r.exit()).as(s + "\n" + r.both()).isZero();
        }
        Tools.Result sh = Tools.run(List.of("bash", "-n", tools.resolve("compare-kernels.sh").toString()), Map.of(),
                60);
        assertThat(sh.exit()).as(sh.both()).isZero();
    }

    /**
     * {@code energy_check.py}: the journal's mean power of a trial against the mean of nvidia-smi's samples between
     * the trial's start and end (a fixture: 200 W journaled, 21 samples of 250 W inside, 2 outside at 999 W).
     */
    @Test
    void energyCheckComparesTheJournalsPowerWithNvidiaSmisSamples(@TempDir Path tmp) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("trials.jsonl"), String.join("\n",
                "{\"schema\":1,\"trialId\":\"a#r0\",\"status\":\"OK\",\"started\":\"2026-12-06T10:00:00Z\","
                        + "\"ended\":\"2026-12-06T10:00:02.000Z\",\"energyJ\":400.0,\"powerW\":200.0}",
                "{\"schema\":1,\"trialId\":\"b#r0\",\"status\":\"OK\",\"started\":\"2026-12-06T10:00:03Z\","
                        + "\"ended\":\"2026-12-06T10:00:05Z\"}") + "\n");
        StringBuilder csv = new StringBuilder("2026/12/06 09:59:59.500, 999.00 W\n");
        for (int i = 0; i <= 20; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "2026/12/06 10:00:%02d.%03d, 250.00 W%n", i / 10,
                    (i % 10) * 100));
        }
        csv.append("2026/12/06 10:00:02.500, 999.00 W\n");
        Path power = Files.writeString(tmp.resolve("power.csv"), csv.toString());
        String script = tools.resolve("energy_check.py").toString();
        Tools.Result r = py(script, run.toString(), power.toString(), "--utc-offset-s", "0");
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(r.out()).contains("a#r0\t200.0\t250.0\t0.800\t21", "median journal/nvidia-smi over 1 trials: 0.800");
        assertThat(r.out()).doesNotContain("b#r0"); // no energy reading
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "yesterday, lots\n");
        Tools.Result b = py(script, run.toString(), bad.toString());
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).contains("bad.csv:1");
        Tools.Result none = py(script, run.toString(), power.toString(), "--utc-offset-s", "3600");
        assertThat(none.exit()).as("samples an hour away from every trial").isEqualTo(3);
    }

    @Test
    void torchOpsListsExactlyKernelBenchsCasesAndCosts() {
        Tools.Result r = py(tools.resolve("torch_ops.py").toString(), "--list");
        assertThat(r.exit()).as(r.both()).isZero();
        List<String> java = BenchCases.all().stream().map(BenchCase::listLine).toList();
        assertThat(r.out().lines().toList()).isEqualTo(java);
        Tools.Result some = py(tools.resolve("torch_ops.py").toString(), "--list", "--ops", "gap,probes");
        assertThat(some.out().lines().toList())
                .isEqualTo(BenchCases.select(List.of("probes", "gap")).stream().map(BenchCase::listLine).toList());
        Tools.Result bad = py(tools.resolve("torch_ops.py").toString(), "--ops", "fft");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown group 'fft'");
    }

    @Test
    void torchOpsWithoutAGpuSaysWhyAndExits4() {
        Assumptions.assumeFalse(Cuda.availability().available(), "a GPU is available here");
        Tools.Result r = py(tools.resolve("torch_ops.py").toString(), "--ops", "gap", "--reps", "1");
        assertThat(r.exit()).as(r.both()).isEqualTo(4);
        assertThat(r.err()).startsWith("unavailable: ").contains("fix: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void torchOpsRunsEveryCaseOnTheCpuWherePythonHasTorch() {
        String py = Tools.python("import torch", PYTHON, "/usr/bin/python3").orElse(null);
        Assumptions.assumeTrue(py != null, "no python3 with PyTorch: the dry run is not tested");
        boolean sdpa = Tools.python("import torch.nn.functional as F; F.scaled_dot_product_attention", py).isPresent();
        String ops = "probes,gemm,softmax,layernorm,gelu,silu_mul,gap" + (sdpa ? ",prefill,decode" : "");
        Tools.Result r = Tools.run(List.of(py, tools.resolve("torch_ops.py").toString(), "--dry-run", "--ops", ops),
                Map.of(), 300);
        assertThat(r.exit()).as(r.both()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(BenchCases.select(List.of(ops.split(","))).size())
                .allSatisfy(l -> assertThat(l).contains("\"finite\":true").doesNotContain("\"error\""));
        assertThat(lines.get(2)).contains("\"shape\":\"M=4096,N=4096,K=4096\"", "\"out_shape\":[128,128]");
    }

    @Test
    void joinMakesTheTableWithItsMarks(@TempDir Path dir) throws IOException {
        Path sb = fixture(dir, "scalebench.jsonl");
        Path torch = fixture(dir, "torch.jsonl");
        Path md = dir.resolve("table.md");
        Tools.Result r = py(tools.resolve("join.py").toString(), "--scalebench", sb.toString(), "--torch",
                torch.toString(), "--profiles", tools.resolve("../../profiles/hardware").toString(), "--out",
                md.toString());
        assertThat(r.exit()).as(r.both()).isZero();
        assertThat(Files.readString(md)).isEqualTo(r.out());
        assertThat(r.out().lines().toList()).contains(
                "| probe_copy | fp32 | n4=67108864 | 715.83 | 730.00 | 0.981 | 3000 GB/s | 2942 GB/s | — | — | — |",
                // 600 / 989 TFLOP/s = 60.7 % of the data-sheet peak; 229.065 / 215 = 1.065 > 1.05
                "| gemm_nt (square) | bf16 | M=4096,N=4096,K=4096 | 229.06 | 215.00 | 1.065 | 600.0 TFLOP/s "
                        + "| 639.3 TFLOP/s | 60.7 % | PASS | MISS |",
                // fp16 is shown against its peak but has no target
                "| gemm_nt (square) | fp16 | M=4096,N=4096,K=4096 | 305.42 | 300.00 | 1.018 | 450.0 TFLOP/s "
                        + "| 458.1 TFLOP/s | 45.5 % | — | PASS |",
                // 16 FLOP/byte is far below the ridge: a bandwidth-bound GEMM, shown against the copy probe
                "| gemm_nt (decode_qkv) | bf16 | M=16,N=12288,K=4096 | 36.14 | 37.00 | 0.977 | 2800 GB/s "
                        + "| 2735 GB/s | 93.3 % | — | PASS |",
                "| softmax_rows | bf16 | rows=16384,cols=4096 | 105.27 | 104.00 | 1.012 | 2550 GB/s | 2581 GB/s "
                        + "| 85.0 % | PASS | PASS |",
                // 16 MiB fits in the 50 MiB L2: no bandwidth verdict
                "| softmax_rows | bf16 | rows=4096,cols=1024 | 8.00 | 9.00 | 0.889 | 2097 GB/s | 1864 GB/s "
                        + "| 69.9 % | n/a (L2) | PASS |",
                "| layernorm | bf16 | rows=16384,cols=4096 | 127.83 | 115.00 | 1.112 | 2100 GB/s | 2334 GB/s "
                        + "| 70.0 % | MISS | MISS |",
                "| attention_decode | bf16 | b=16,ctx=4096,h=32,kv=32,d=128 | error | 400.00 | — | — | 2685 GB/s "
                        + "| — | ERROR | ERROR |",
                "| gelu | fp32 | n=67108864 | — | 190.00 | — | — | 2826 GB/s | — | — | — |",
                "| scalebench | 10000 | 4.10 | 3.90 | 2.30 | 4.05 | 1.90 | 2.20 |",
                "| torch | 10000 | 9.80 | 9.50 | — | 9.70 | 1.95 | 7.85 |",
                "Unreadable lines skipped: scalebench 1, torch 0.");
        assertThat(r.out()).contains("Device: **NVIDIA H100 80GB HBM3**; data sheet `h100-sxm`",
                "Bandwidth reference: 3000 GB/s (scalebench probe_copy, 90 % of the data sheet)",
                "**ceiling targets:** 2 PASS, 1 MISS, 1 ERROR",
                "**within 5 % of PyTorch:** 4 PASS, 2 MISS, 1 ERROR",
                "- scalebench attention_decode bf16 b=16,ctx=4096,h=32,kv=32,d=128: cuLaunchKernel(");
        assertThat(r.out()).doesNotContain("FLOP or byte counts differ");
    }

    @Test
    void joinPicksTheDataSheetByDeviceNameAndSaysWhenNoneMatches(@TempDir Path dir) throws IOException {
        Path profiles = tools.resolve("../../profiles/hardware");
        for (String[] c : new String[][] {{"NVIDIA H100 PCIe", "`h100-pcie`"}, {"NVIDIA H200", "`h200-sxm`"},
                {"NVIDIA A100-SXM4-80GB", "`a100-"}, {"Radeon Z9", "no profile in"}}) {
            Path sb = dir.resolve("sb.jsonl");
            Files.writeString(sb, "{\"meta\":true,\"impl\":\"scalebench\",\"device\":\"" + c[0] + "\"}\n"
                    + "{\"op\":\"gemm_nt\",\"impl\":\"scalebench\",\"dtype\":\"bf16\",\"shape\":\"M=4096,N=4096,K=4096\","
                    + "\"median_us\":200,\"flops\":137438953472,\"bytes\":100663296,\"tflops\":687.195,\"gbs\":503.3}\n");
            Tools.Result r = py(tools.resolve("join.py").toString(), "--scalebench", sb.toString(), "--profiles",
                    profiles.toString());
            assertThat(r.exit()).as(r.both()).isZero();
            assertThat(r.out()).as(c[0]).contains(c[1]).contains("- PyTorch: no meta line");
        }
        Tools.Result missing = py(tools.resolve("join.py").toString(), "--scalebench", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ");
    }

    private static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = PythonToolsTest.class.getResourceAsStream("/bench/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }
}
