package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.kernels.testing.FakeCuda;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CudaGenerationSession}'s contract on the fake driver ({@link CudaGenerationFakeMain} in a child JVM): a
 * request is a prefill and {@code output − 1} decodes; a decode before any prefill or beyond the request's last
 * token is an {@link IllegalStateException}; each call reports its device time, {@code step()} the request's.
 */
class CudaGenerationSessionTest {

    @Test
    void decodeBeforePrefillOrBeyondTheRequestIsRefusedAndEveryCallIsTimed() {
        FakeCuda.require();
        assumeTrue(CudaGenerationSessionTest.class.getResource("/cuda/rope.ptx") != null,
                "the kernels were built without nvcc (no /cuda/*.ptx on the class path); the fake driver loads PTX");
        FakeCuda.Result r = FakeCuda.run(List.of("-Dai.djl.offline=true"), CudaGenerationFakeMain.class,
                Map.of("FAKE_CUDA_VALUE_ARGS", "fill_normal_:2,fill_ids:2")).requireSuccess();
        assertThat(r.value("outputTokens")).isEqualTo("3");
        assertThat(r.value("beforePrefill")).startsWith("IllegalStateException: decode before prefill");
        assertThat(r.value("beyond")).startsWith("IllegalStateException: decode step 3 of a request of 3 output tokens")
                .contains("at most 2");
        assertThat(r.value("afterStep")).startsWith("IllegalStateException: decode step 3");
        assertThat(Long.parseLong(r.value("prefillNanos"))).isPositive();
        assertThat(Long.parseLong(r.value("decode1Nanos"))).isPositive();
        assertThat(Long.parseLong(r.value("requestNanos"))).as("the request's three calls together")
                .isGreaterThanOrEqualTo(3);
        assertThat(r.value("again")).isEqualTo("ok");
        // per request: 1 prefill + 2 decodes, each starting with the embedding lookup; the refused calls launch nothing
        long passes = r.launches().stream().filter(l -> l.kernel().startsWith("embedding_")).count();
        assertThat(passes).isEqualTo(3 + 3 + 2);
    }
}
