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
 * A whole decoder step (and a whole generate request) on the GPU against {@link ReferenceDecoder} on the same
 * weights, for both families (gpt-*; llama-tiny: RMSNorm, RoPE, untied LM head; a Qwen2-like variant with Q/K/V
 * biases). The tolerance is on the
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
        "llama-tiny, FP32, PREFILL, 2, 19", "llama-tiny, BF16, PREFILL, 3, 40", "llama-tiny, FP16, DECODE, 2, 37",
        "llama-tiny, FP32, DECODE, 1, 300", "qwen-tiny, FP32, PREFILL, 2, 17", "qwen-tiny, BF16, DECODE, 2, 50",
    })
    void aStepMatchesTheHostReference(String model, DType dtype, Phase phase, int batch, int seq) throws Exception {
        ModelConfig c = config(model);
        SweepPoint p = new SweepPoint("cuda", "gpu", dtype, phase, ModelSpec.of(c), batch, seq);
        try (Session s = backend.open(p)) {
            CudaDecoderSession session = (CudaDecoderSession) s;
            DecoderTensors.HostCopy w = session.download();
            float[] gpu = session.stepOutput();
            assertThat(session.lastDeviceNanos()).isPositive();
            boolean prefill = phase == Phase.PREFILL;
            ReferenceDecoder.Layer[] layers = w.layers().stream().map(ReferenceDecoder.Layer::of)
                    .toArray(ReferenceDecoder.Layer[]::new);
            int cacheLen = prefill ? 0 : seq + 1;
            float[] ref = new ReferenceDecoder(c, CudaDecoder.dtype(dtype), prefill ? seq : seq + 1).pass(w.ids(),
                    batch, prefill ? seq : 1, prefill ? 0 : seq, prefill, cacheLen, w.embedding(), w.lmHead(), layers);
            assertClose(gpu, ref, dtype, List.of(model, dtype, phase));
        }
    }

    /** A generate request: the prefill's logits and those of every decode step, the cache growing in place. */
    @ParameterizedTest(name = "{0} {1} b{2} s{3} o{4}")
    @CsvSource({"llama-tiny, FP32, 2, 9, 5", "gpt-1m, BF16, 3, 20, 4", "qwen-tiny, FP16, 2, 16, 3"})
    void aGenerateRequestMatchesTheHostReference(String model, DType dtype, int batch, int seq, int output)
            throws Exception {
        ModelConfig c = config(model);
        SweepPoint p = new SweepPoint("cuda", "gpu", dtype, Phase.GENERATE, ModelSpec.of(c), batch, seq, output);
        try (Session s = backend.open(p)) {
            CudaGenerationSession session = (CudaGenerationSession) s;
            DecoderTensors.HostCopy w = session.download();
            ReferenceDecoder.Layer[] layers = w.layers().stream().map(ReferenceDecoder.Layer::of)
                    .toArray(ReferenceDecoder.Layer[]::new);
            int cacheLen = seq + output;
            ReferenceDecoder ref = new ReferenceDecoder(c, CudaDecoder.dtype(dtype), cacheLen);
            for (int request = 0; request < 2; request++) { // the second request overwrites the first one's cache
                session.prefill();
                assertThat(session.lastDeviceNanos()).isPositive();
                assertClose(session.logits(), ref.pass(w.ids(), batch, seq, 0, true, cacheLen, w.embedding(),
                        w.lmHead(), layers), dtype, List.of(model, "prefill", request));
                for (int step = 1; step < output; step++) {
                    session.decode();
                    assertClose(session.logits(), ref.pass(w.ids(), batch, 1, seq + step - 1, false, cacheLen,
                            w.embedding(), w.lmHead(), layers), dtype, List.of(model, "decode", step, request));
                }
            }
        }
    }

    private static ModelConfig config(String model) {
        if (model.equals("qwen-tiny")) { // llama-tiny's shape with Qwen2's Q/K/V biases and theta
            ModelConfig l = config("llama-tiny");
            return new ModelConfig("qwen-tiny", l.layers(), l.hidden(), l.heads(), l.kvHeads(), l.ffn(), l.vocab(),
                    true, new ModelConfig.Family(ModelConfig.Norm.RMS, 1_000_000, false, true));
        }
        return new ModelCatalog(Cli.PROFILES.resolve("models")).get(model);
    }

    private static void assertClose(float[] gpu, float[] ref, DType dtype, List<Object> what) {
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
        assertThat(rel).as("relative L2 error of the logits, %s", what).isLessThan(tol);
    }
}
