package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.backend.ContractRunner;
import dev.scalebench.kernels.testing.FakeCuda;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cuda backend keeps the backend contract on the fake CUDA driver (one fake H100): {@link CudaBackendContract}
 * runs in a child JVM whose {@code libcuda.so.1} is the fake, and each of its tests comes back here as one dynamic
 * test. The fake runs no kernel, so steps are launches checked for shape and memory, not arithmetic.
 */
class CudaBackendContractTest {

    /** The seeds of the fills are 64-bit values, not pointers (as in {@link CudaFakeSweepTest}). */
    private static final String VALUE_ARGS = "fill_normal_:2,fill_ids:2";

    @TestFactory
    Stream<DynamicTest> theCudaBackendOnTheFakeDriverKeepsTheContract() {
        FakeCuda.require();
        assumeTrue(CudaBackendContractTest.class.getResource("/cuda/gemm.ptx") != null,
                "the kernels were built without nvcc (no /cuda/*.ptx on the class path); the fake driver loads PTX");
        FakeCuda.Result r = FakeCuda.run(List.of("-Dai.djl.offline=true", "-D" + CudaBackendContract.STRICT + "=true"),
                ContractRunner.class, Map.of("FAKE_CUDA_VALUE_ARGS", VALUE_ARGS), CudaBackendContract.class.getName());
        Map<String, String> results = r.values();
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return ContractRunner.testNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String v = results.get(ContractRunner.PREFIX + name);
            assertThat(v).as("no result for %s from the child JVM\n--- stdout\n%s--- stderr\n%s", name, r.stdout(),
                    r.stderr()).isNotNull();
            if (v.startsWith("skipped: ")) {
                abort(v);
            } else if (!v.equals("ok")) {
                fail(name + " " + v + "\n--- stderr of the child JVM\n" + r.stderr());
            }
        }));
    }
}
