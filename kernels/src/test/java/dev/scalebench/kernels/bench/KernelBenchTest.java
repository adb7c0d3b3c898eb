package dev.scalebench.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** KernelBench without a GPU: usage, the case list, the "unavailable" path, and the arithmetic of its lines. */
class KernelBenchTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = KernelBench.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAGpuItSaysWhyAndExits4() {
        Availability a = Cuda.availability();
        Assumptions.assumeFalse(a.available(), "a GPU is available here");
        Run r = run("--ops", "gemm");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).startsWith("unavailable: " + a.reason()).contains("fix: " + a.fix());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badUsageExits2WithTheReasonAndTheUsage() {
        Run r = run("--reps", "zero");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --reps 'zero' is not an integer").contains("usage: KernelBench");
        Run h = run("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).startsWith("usage: KernelBench");
    }

    @Test
    void listPrintsTheSelectedCasesWithoutTouchingTheGpu() {
        Run r = run("--list", "--ops", "decode,gap");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "{\"op\":\"attention_decode\",\"dtype\":\"bf16\",\"shape\":\"b=16,ctx=4096,h=32,kv=32,d=128\","
                        + "\"flops\":1073741824,\"bytes\":1074003968}",
                "{\"op\":\"attention_decode\",\"dtype\":\"fp16\",\"shape\":\"b=16,ctx=4096,h=32,kv=32,d=128\","
                        + "\"flops\":1073741824,\"bytes\":1074003968}",
                "{\"op\":\"launch_gap\",\"dtype\":\"fp32\",\"shape\":\"n=1024\",\"flops\":1024,\"bytes\":12288}");
        assertThat(run("--list").out().lines().count()).isEqualTo(BenchCases.all().size());
    }

    @Test
    void resultLinesTurnTheMedianIntoRates() {
        BenchCase c = BenchCases.gemm(dev.scalebench.kernels.ops.KernelDType.BF16, 4096, 4096, 4096, "square");
        String line = KernelBench.resultLine(c, new Timing.Result(200_000, 190_000, 20, 50, 60, 4_500), "GPU \"X\"");
        // 137438953472 FLOP / 200 µs = 687.19 TFLOP/s; 100663296 B / 200 µs = 503.316 GB/s
        assertThat(line).isEqualTo("{\"op\":\"gemm_nt\",\"impl\":\"scalebench\",\"dtype\":\"bf16\","
                + "\"shape\":\"M=4096,N=4096,K=4096\",\"label\":\"square\",\"median_us\":200,\"min_us\":190,"
                + "\"flops\":137438953472,\"bytes\":100663296,\"tflops\":687.195,\"gbs\":503.316,\"reps\":20,"
                + "\"launches_per_rep\":50,\"warmup_launches\":60,\"host_us_per_launch\":4.5,"
                + "\"device\":\"GPU \\\"X\\\"\"}");
        assertThat(KernelBench.errorLine(BenchCases.gelu(dev.scalebench.kernels.ops.KernelDType.F32, 8), "boom"))
                .isEqualTo("{\"op\":\"gelu\",\"impl\":\"scalebench\",\"dtype\":\"fp32\",\"shape\":\"n=8\","
                        + "\"error\":\"boom\"}");
    }

    @Test
    void jsonNumbersArePlainAndNonFiniteOnesNull() {
        assertThat(JsonLine.number(0)).isEqualTo("0");
        assertThat(JsonLine.number(1234567.891)).isEqualTo("1234570");
        assertThat(JsonLine.number(0.000123456789)).isEqualTo("0.000123457");
        assertThat(JsonLine.number(-2.5)).isEqualTo("-2.5");
        assertThat(JsonLine.number(Double.NaN)).isEqualTo("null");
        assertThat(JsonLine.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(new JsonLine().put("a", "x\ny\u0001").put("b", List.of("p", "q\\")).put("c", (String) null)
                .toString()).isEqualTo("{\"a\":\"x\\ny\\u0001\",\"b\":[\"p\",\"q\\\\\"],\"c\":null}");
    }
}
