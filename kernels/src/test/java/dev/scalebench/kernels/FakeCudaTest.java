package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.testing.FakeCuda;
import dev.scalebench.kernels.testing.FakeCuda.Launch;
import dev.scalebench.kernels.testing.FakeCuda.Result;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver layer end to end against the fake driver (src/test/c/fake_cuda.c), each case in a child JVM. Skipped
 * only where there is no C compiler to build the fake.
 */
class FakeCudaTest {

    private static final String NAME = "NVIDIA H100 80GB HBM3 (fake)";

    @BeforeEach
    void fakeDriver() {
        FakeCuda.require();
    }

    private static Result run(String scenario, Map<String, String> env) {
        return FakeCuda.run(FakeCudaScenarios.class, env, scenario).requireSuccess();
    }

    private static Result run(String scenario) {
        return run(scenario, Map.of());
    }

    @Test
    void availableWithOneFakeH100() {
        Result r = run("info");
        assertThat(r.value("available")).isEqualTo("true");
        assertThat(r.value("reason")).isEmpty();
        assertThat(r.value("devices")).isEqualTo("1");
        assertThat(r.value("driver")).isEqualTo("13.0");
        assertThat(r.value("name")).isEqualTo(NAME);
    }

    @Test
    void noDeviceIsReportedWithTheDriversReason() {
        Result r = run("info", Map.of("FAKE_CUDA_DEVICES", "0"));
        assertThat(r.value("available")).isEqualTo("false");
        assertThat(r.value("reason")).isEqualTo("cuInit failed: CUDA_ERROR_NO_DEVICE (driver CUDA 13.0)");
        assertThat(r.value("devices")).isEqualTo("0");
    }

    @Test
    void gpuInfoReadsEveryAttribute() {
        Result r = run("info", Map.of("FAKE_CUDA_MEMORY_BYTES", "24e9"));
        assertThat(r.value("arch")).isEqualTo("sm_90");
        assertThat(r.value("sms")).isEqualTo("132");
        assertThat(r.value("memory")).isEqualTo("24000000000");
        assertThat(r.value("clockKhz")).isEqualTo("1980000");
        assertThat(r.value("memoryClockKhz")).isEqualTo("2619000");
        assertThat(r.value("busBits")).isEqualTo("5120");
        assertThat(r.value("l2")).isEqualTo(Integer.toString(50 << 20));
        assertThat(r.value("optin")).isEqualTo(Integer.toString(227 << 10));
        assertThat(r.value("pci")).isEqualTo("0000:1B:00.0");
        assertThat(r.value("uuid")).matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(Double.parseDouble(r.value("bandwidth"))).isBetween(3.3e12, 3.4e12);
    }

    @Test
    void copiesRoundTripAndStayInsideTheBuffer() {
        Result r = run("copies");
        assertThat(r.value("floats")).isEqualTo(Arrays.toString(FakeCudaScenarios.FLOATS));
        assertThat(r.value("shorts")).isEqualTo(Arrays.toString(FakeCudaScenarios.SHORTS));
        assertThat(r.value("ints")).isEqualTo(Arrays.toString(FakeCudaScenarios.INTS));
        assertThat(r.value("zeroed")).isEqualTo(Arrays.toString(new int[FakeCudaScenarios.INTS.length]));
        assertThat(r.value("overrun")).isEqualTo(Integer.toString(CUresult.CUDA_ERROR_INVALID_VALUE));
        assertThat(r.stderr()).contains("cuMemcpyHtoD: 25 bytes at allocation #3 + 0 overrun its 24 bytes");
    }

    @Test
    void memoryIsAccountedAndClosingTheContextFreesLeakedBuffers() {
        Result r = run("memory");
        int mib = 1 << 20;
        assertThat(r.value("afterAlloc")).isEqualTo(new MemoryAccount(7L * mib, 7L * mib, 3).toString());
        assertThat(r.value("usedAfterAlloc")).isEqualTo(Long.toString(7L * mib));
        assertThat(r.value("afterFree")).isEqualTo(new MemoryAccount(5L * mib, 7L * mib, 2).toString());
        assertThat(r.value("usedAfterFree")).isEqualTo(Long.toString(5L * mib));
        assertThat(r.value("reopened")).isEqualTo(new MemoryAccount(0, 0, 0).toString());
        assertThat(r.value("usedReopened")).isEqualTo("0");
        // only the raw release at the end leaves memory behind, and the fake says so
        assertThat(r.value("rawRelease")).isEqualTo("0");
        assertThat(r.stderr().lines().filter(l -> l.contains("still live")))
                .containsExactly("fake libcuda: cuDevicePrimaryCtxRelease: primary context destroyed with 1"
                        + " allocations (12345 bytes) still live; freed them");
    }

    @Test
    void outOfMemoryIsACudaExceptionAndTheContextStaysUsable() {
        Result r = run("oom", Map.of("FAKE_CUDA_MEMORY_BYTES", "1073741824"));
        assertThat(r.value("tooBig")).startsWith("oom=true cuMemAlloc(1073741825 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY");
        assertThat(r.value("second")).startsWith("oom=true ");
        assertThat(r.value("afterFree")).isEqualTo("ok");
    }

    @Test
    void loaderFallsBackFromTheCubinToThePtxAndSaysWhy() {
        Result r = run("module");
        assertThat(r.value("source")).isEqualTo("PTX (JIT by the driver)");
        assertThat(r.value("notes")).contains("cubin sm_90 did not load", "CUDA_ERROR_NO_BINARY_FOR_GPU")
                .doesNotContain("selftest.ptx");
        assertThat(r.value("axpyMaxThreads")).isEqualTo("256"); // __launch_bounds__(256)
        assertThat(r.value("reverseStatic")).isEqualTo("4096"); // __shared__ float tile[1024]
        assertThat(r.value("missing")).startsWith(CUresult.CUDA_ERROR_NOT_FOUND + " ")
                .contains("selftest.selftest_missing");
        assertThat(r.launches()).isEmpty();
    }

    @Test
    void launchesMarshalEveryArgumentKindAndRespectTheLimits() {
        Result r = run("launch");
        List<Launch> l = r.launches();
        assertThat(l).hasSize(3);
        assertThat(l.get(0)).isEqualTo(new Launch("selftest_axpy", Dim3.of(4), Dim3.of(256), 0,
                List.of("ptr:1+0", "ptr:2+16", "1000", "5000000000", "0.25", "0")));
        assertThat(l.get(1)).isEqualTo(new Launch("selftest_axpy", Dim3.of(7, 2, 3), Dim3.of(128, 2), 0,
                List.of("ptr:1+0", "ptr:2+0", "-3", "-7", "-0.0015", "ptr:1+0")));
        assertThat(l.get(2)).isEqualTo(new Launch("selftest_reverse", Dim3.of(2), Dim3.of(1024), 100 * 1024,
                List.of("ptr:1+0", "ptr:2+0", "1024")));
        String invalid = Integer.toString(CUresult.CUDA_ERROR_INVALID_VALUE);
        assertThat(r.value("tooManyThreads")).isEqualTo(invalid);
        assertThat(r.value("smemOverDefault")).isEqualTo(invalid);
        assertThat(r.value("smemOverOptin")).isEqualTo(invalid);
        assertThat(r.stderr()).contains("block of 512 threads exceeds the kernel's .maxntid 256",
                "47104 bytes of dynamic shared memory exceed the kernel's limit of 45056 (static 4096)",
                "229376 bytes of dynamic shared memory + 4096 static exceed 232448");
    }

    @Test
    void aFreedOrWildPointerArgumentIsRejected() {
        Result r = run("dangling");
        assertThat(r.value("dangling")).isEqualTo(Integer.toString(CUresult.CUDA_ERROR_INVALID_VALUE));
        assertThat(r.value("wild")).isEqualTo(Integer.toString(CUresult.CUDA_ERROR_INVALID_VALUE));
        assertThat(r.stderr()).contains("selftest_axpy: argument 1 (.u64) points into allocation #2 (4096 bytes),"
                + " which was freed", "selftest_axpy: argument 3 (.u64) = 0x200000000000 is in no live allocation");
        assertThat(r.launches()).singleElement().extracting(Launch::args)
                .isEqualTo(List.of("ptr:1+0", "ptr:1+0", "256", Long.toString((1L << 40) - 1), "1", "0"));
    }

    @Test
    void eventTimerTracksAHostSleep() {
        Result r = run("timer");
        long device = Long.parseLong(r.value("deviceNanos"));
        long host = Long.parseLong(r.value("hostNanos"));
        // the sleep's length at least, and within the host's span around the events (no fixed upper bound: a busy
        // machine may wake the thread late)
        assertThat(device).isGreaterThanOrEqualTo(FakeCudaScenarios.SLEEP_MS * 1_000_000 * 95 / 100)
                .isLessThanOrEqualTo(host + 1_000_000);
    }

    @Test
    void driverCallsTheFakeDoesNotImplementFailInsteadOfKillingTheJvm() {
        Result r = run("unsupported");
        assertThat(r.value("cuGraphCreate")).isEqualTo(Integer.toString(CUresult.CUDA_ERROR_NOT_SUPPORTED));
        assertThat(r.stderr()).contains("cuGraphCreate: not implemented by the fake driver");
    }

    @Test
    void launchLinesParse() {
        Launch l = Launch.parse("k grid=1,2,3 block=32,1,1 smem=8 args=");
        assertThat(l).isEqualTo(new Launch("k", Dim3.of(1, 2, 3), Dim3.of(32), 8, List.of()));
    }
}
