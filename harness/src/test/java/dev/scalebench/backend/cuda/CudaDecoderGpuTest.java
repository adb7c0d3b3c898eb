package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.backend.Session;
import dev.scalebench.cli.Cli;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.plan.SweepPoint;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole decoder step on the GPU against {@link ReferenceDecoder} on the same weights. The tolerance is on the
 * relative L2 error of the logits: fp32 1e-4 (accumulation order only), fp16 1e-2 and bf16 3e-2 (each of about
 * 4·layers + 2 roundings of a kernel output adds up to half an ulp: 2^-11 fp16, 2^-8 bf16, growing through the
 * residual stream).
 */
@Tag("gpu")
class CudaDecoderGpuTest {

    private static CudaBackend backend;

    @BeforeAll
    static void open() {
        assumeTrue(Cuda.availability().available(), () -> "no GPU: " + Cuda.availability().reason());
        backend = CudaBackend.open(0, 7);
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} b{3} s{4}")
    @CsvSource({
        "gpt-1m, FP32, PREFILL, 2, 19", "gpt-1m, BF16, PREFILL, 2, 19", "gpt-1m, FP16, PREFILL, 3, 40",
        "gpt-1m, FP32, DECODE, 2, 37", "gpt-1m, BF16, DECODE, 3, 100", "gpt-1m, FP16, DECODE, 1, 5",
        "gpt-10m, BF16, PREFILL, 2, 33", "gpt-10m, FP32, DECODE, 2, 70",
    })
    void aStepMatchesTheHostReference(String model, DType dtype, Phase phase, int batch, int seq) throws Exception {
        ModelConfig c = new ModelCatalog(Cli.PROFILES.resolve("models")).get(model);
        SweepPoint p = new SweepPoint("cuda", "gpu", dtype, phase, ModelSpec.of(c), batch, seq);
        try (Session s = backend.open(p)) {
            CudaDecoderSession session = (CudaDecoderSession) s;
            CudaDecoderSession.HostCopy w = session.download();
            float[] gpu = session.stepOutput();
            assertThat(session.lastDeviceNanos()).isPositive();
            boolean prefill = phase == Phase.PREFILL;
            ReferenceDecoder.Layer[] layers = w.layers().stream().map(l -> new ReferenceDecoder.Layer(l[0], l[1], l[2],
                    l[3], l[4], l[5])).toArray(ReferenceDecoder.Layer[]::new);
            float[] ref = new ReferenceDecoder(c, CudaDecoderSession.dtype(dtype)).step(w.ids(), batch,
                    prefill ? seq : 1, prefill ? 0 : seq, w.embedding(), layers, prefill);
            double err = 0;
            double norm = 0;
            for (int i = 0; i < ref.length; i++) {
                err += Math.pow(gpu[i] - ref[i], 2);
                norm += Math.pow(ref[i], 2);
            }
            double rel = Math.sqrt(err / norm);
            double tol = switch (dtype) {
                case FP32 -> 1e-4;
                case FP16 -> 1e-2;
                case BF16 -> 3e-2;
            };
            assertThat(rel).as("relative L2 error of the logits, %s", List.of(model, dtype, phase)).isLessThan(tol);
        }
    }
}
