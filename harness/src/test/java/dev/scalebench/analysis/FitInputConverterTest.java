package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.results.GenerationValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/fit-input/convert.py} on fixtures written from vLLM's and AIPerf's documented result formats
 * ({@code tools/fit-input/fixtures/}): its CSV imports, and every imported value is the fixture's number in ns.
 * Without python3 the test is skipped, saying why, except under {@code CI=true}, where it fails.
 */
class FitInputConverterTest {
    private static final double MS = 1e6;
    private static Path tools;

    @TempDir
    Path tmp;

    @BeforeAll
    static void python() throws Exception {
        boolean python;
        try {
            python = run(List.of("python3", "-c", "import csv, json, argparse")).exit == 0;
        } catch (IOException e) {
            python = false;
        }
        if (!python && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("no python3 on the PATH under CI=true: tools/fit-input/convert.py must be tested in CI");
        }
        Assumptions.assumeTrue(python, "no python3 on the PATH: tools/fit-input/convert.py is not tested");
        for (Path p = Path.of("").toAbsolutePath(); p != null && tools == null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tools/fit-input/convert.py"))) {
                tools = p.resolve("tools/fit-input");
            }
        }
        assertThat(tools).as("tools/fit-input/convert.py above " + Path.of("").toAbsolutePath()).isNotNull();
    }

    private record Result(int exit, String out, String err) { }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // the outputs are small: read both after the end without deadlock risk for these fixtures
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Runs the converter and imports its standard output. */
    private Dataset convert(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", tools.resolve("convert.py").toString()));
        for (String a : args) {
            command.add(a.startsWith("fixtures/") ? tools.resolve(a).toString() : a);
        }
        Result r = run(command);
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("# from ");
        return CsvDataset.read(Files.writeString(tmp.resolve("converted.csv"), r.out));
    }

    private static void assertGeneration(GenerationValues g, int output, double... ms) {
        assertThat(g.outputTokens()).isEqualTo(output);
        double[] got = {g.ttftP50Ns(), g.ttftP99Ns(), g.tpotP50Ns(), g.tpotP99Ns(), g.itlP50Ns(), g.itlP99Ns()};
        for (int i = 0; i < got.length; i++) {
            if (Double.isNaN(ms[i])) {
                assertThat(got[i]).as("figure " + i).isNaN();
            } else {
                assertThat(got[i]).as("figure " + i).isCloseTo(ms[i] * MS, within(1e-9 * ms[i] * MS));
            }
        }
    }

    private static void assertE2e(Sample s, double p50Ms, double p99Ms, double meanMs) {
        assertThat(s.p50Ns()).isCloseTo(p50Ms * MS, within(1e-9 * p50Ms * MS));
        assertThat(s.p99Ns()).isCloseTo(p99Ms * MS, within(1e-9 * p99Ms * MS));
        assertThat(s.meanNs()).isCloseTo(meanMs * MS, within(1e-9 * meanMs * MS));
    }

    @Test
    void vllmServeResultImportsWithItsShapeFromTheFile() throws Exception {
        Dataset d = convert("vllm", "fixtures/vllm-serve.json");
        Sample s = d.samples().get(0);
        assertThat(d.samples()).hasSize(1);
        // max_concurrency 8, 32768 input and 8192 output tokens over 64 completed requests
        assertThat(s.point()).isEqualTo(new PointKey("meta-llama/Llama-3.1-8B-Instruct", "-", "generate", -1, 8, 512,
                128));
        // median_/p99_ ttft, tpot, itl
        assertGeneration(s.generation(), 128, 58.25, 92.7, 20.31, 22.05, 19.87, 31.4);
        // median_, p99_, mean_e2el_ms; output_throughput 386.1 agrees with 8 x 128 / 2.6506 s within 5 %
        assertE2e(s, 2641.5, 2870.25, 2650.6);
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void vllmLatencyResultTakesItsShapeFromTheOptions() throws Exception {
        Dataset d = convert("vllm", "fixtures/vllm-latency.json", "fixtures/vllm-latency.json", "--batch", "4",
                "--seq", "256", "--output", "64", "--model", "llama-3.2-1b", "--dtype", "bf16");
        assertThat(d.samples()).hasSize(2).extracting(Sample::replicate).containsExactly("0", "1");
        Sample s = d.samples().get(0);
        assertThat(s.point()).isEqualTo(new PointKey("llama-3.2-1b", "bf16", "generate", -1, 4, 256, 64));
        // percentiles 50 and 99, avg_latency, in seconds
        assertE2e(s, 1405, 1445.48, 1412);
        double nan = Double.NaN;
        assertGeneration(s.generation(), 64, nan, nan, nan, nan, nan, nan);
    }

    @Test
    void aiperfExportImportsWithItlAsTpot() throws Exception {
        Dataset d = convert("aiperf", "fixtures/profile_export_aiperf.csv", "--batch", "16", "--model",
                "llama-3.1-8b", "--device", "NVIDIA H100 80GB HBM3");
        Sample s = d.samples().get(0);
        // Input / Output Sequence Length avg 1024 / 256
        assertThat(s.point()).isEqualTo(new PointKey("llama-3.1-8b", "-", "generate", -1, 16, 1024, 256));
        // Time to First Token p50/p99; Inter Token Latency p50/p99 is TPOT; AIPerf has no per-gap ITL here
        double nan = Double.NaN;
        assertGeneration(s.generation(), 256, 201.75, 455.12, 19.48, 21.2, nan, nan);
        // Request Latency p50, p99, avg; Output Token Throughput 780.2 is 16 x 256 / 5.2505 s within 5 %
        assertE2e(s, 5187.25, 5650.8, 5200.5);
        assertThat(d.device()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void missingShapeOrUnreadableInputExits2NamingTheFileAndTheOption() throws Exception {
        Result latency = run(List.of("python3", tools.resolve("convert.py").toString(), "vllm",
                tools.resolve("fixtures/vllm-latency.json").toString()));
        assertThat(latency.exit).isEqualTo(2);
        assertThat(latency.err).startsWith("error: ").contains("vllm-latency.json").contains("--batch");
        assertThat(latency.out).isEmpty();
        Result aiperf = run(List.of("python3", tools.resolve("convert.py").toString(), "aiperf",
                tools.resolve("fixtures/vllm-serve.json").toString(), "--batch", "2"));
        assertThat(aiperf.exit).isEqualTo(2);
        assertThat(aiperf.err).contains("vllm-serve.json").contains("profile_export_aiperf.csv");
        Result help = run(List.of("python3", tools.resolve("convert.py").toString(), "--help"));
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("vllm").contains("aiperf").contains("--batch").contains("--no-header");
    }
}
