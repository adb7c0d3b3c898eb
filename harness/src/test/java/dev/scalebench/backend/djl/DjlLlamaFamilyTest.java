package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.Backend;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.Work;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Llama family on the DJL synthetic decoder: RMSNorm and rotary embeddings against plain-Java references, the
 * rotation's defining property (attention scores depend on relative positions only), and whole models (untied LM
 * head, Q/K/V biases, grouped-query attention) that step, with the FLOPs of the products they run equal to the
 * workload's.
 */
class DjlLlamaFamilyTest {

    private static final ModelConfig.Family LLAMA = new ModelConfig.Family(ModelConfig.Norm.RMS, 500_000, false, false);
    private static final ModelConfig.Family QWEN = new ModelConfig.Family(ModelConfig.Norm.RMS, 1_000_000, false, true);
    private static Backend backend;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        backend = new DjlBackendProvider().open("cpu", 7);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
        backend.close();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void rmsNormMatchesItsDefinition() {
        int rows = 3;
        int h = 8;
        float[] x = random(rows * h, 1);
        float[] w = random(h, 2);
        float[] got = SyntheticDecoder.rmsNorm(manager.create(x, new Shape(rows, h)), manager.create(w), 1e-5f)
                .toFloatArray();
        for (int r = 0; r < rows; r++) {
            double ms = 0;
            for (int i = 0; i < h; i++) {
                ms += x[r * h + i] * x[r * h + i];
            }
            double inv = 1 / Math.sqrt(ms / h + 1e-5);
            for (int i = 0; i < h; i++) {
                assertThat((double) got[r * h + i]).as("row %d, %d", r, i).isCloseTo(x[r * h + i] * inv * w[i], within(1e-5));
            }
        }
    }

    @Test
    void ropeMatchesTheRotateHalfReferenceAtEveryPosition() {
        ModelConfig m = new ModelConfig("rope", 1, 32, 4, 2, 64, 100, true, LLAMA); // head dim 8
        SyntheticDecoder d = new SyntheticDecoder(manager, new TorchOps(manager), m, DType.FP32);
        int s = 5;
        int dh = 8;
        int offset = 3;
        NDArray[] t = d.ropeTables(manager, offset, s);
        float[] x = random(s * dh, 3); // [1, 1, s, dh]
        float[] got = SyntheticDecoder.applyRope(manager.create(x, new Shape(1, 1, s, dh)), t[0], t[1]).toFloatArray();
        for (int p = 0; p < s; p++) {
            for (int i = 0; i < dh / 2; i++) {
                double angle = (offset + p) * Math.pow(500_000, -2.0 * i / dh);
                double a = x[p * dh + i];
                double b = x[p * dh + i + dh / 2];
                assertThat((double) got[p * dh + i]).isCloseTo(a * Math.cos(angle) - b * Math.sin(angle), within(1e-5));
                assertThat((double) got[p * dh + i + dh / 2]).isCloseTo(b * Math.cos(angle) + a * Math.sin(angle),
                        within(1e-5));
            }
        }
    }

    @Test
    void ropeMakesScoresDependOnRelativePositionOnly() {
        ModelConfig m = new ModelConfig("rope", 1, 64, 4, 4, 64, 100, true, new ModelConfig.Family(
                ModelConfig.Norm.RMS, 10_000, true, false)); // head dim 16
        SyntheticDecoder d = new SyntheticDecoder(manager, new TorchOps(manager), m, DType.FP32);
        int dh = 16;
        NDArray q = manager.create(random(dh, 4), new Shape(1, 1, 1, dh));
        NDArray k = manager.create(random(dh, 5), new Shape(1, 1, 1, dh));
        double[] scores = new double[3];
        int[][] positions = {{7, 3}, {14, 10}, {104, 100}}; // the same distance, 4, at three places
        for (int i = 0; i < 3; i++) {
            NDArray[] tq = d.ropeTables(manager, positions[i][0], 1);
            NDArray[] tk = d.ropeTables(manager, positions[i][1], 1);
            scores[i] = SyntheticDecoder.applyRope(q, tq[0], tq[1]).mul(SyntheticDecoder.applyRope(k, tk[0], tk[1]))
                    .sum().getFloat();
        }
        assertThat(scores[1]).isCloseTo(scores[0], within(1e-4));
        assertThat(scores[2]).isCloseTo(scores[0], within(1e-4));
        NDArray[] far = d.ropeTables(manager, 30, 1);
        NDArray[] near = d.ropeTables(manager, 3, 1);
        double other = SyntheticDecoder.applyRope(q, far[0], far[1]).mul(SyntheticDecoder.applyRope(k, near[0], near[1]))
                .sum().getFloat();
        assertThat(other).as("another distance gives another score").isNotCloseTo(scores[0], within(1e-3));
    }

    @ParameterizedTest
    @CsvSource({"LLAMA, PREFILL, 2, 16", "LLAMA, DECODE, 3, 24", "QWEN, PREFILL, 1, 9", "QWEN, DECODE, 2, 7", "LLAMA, PREFILL, 1, 9", "QWEN, PREFILL, 2, 16", "GPT, PREFILL, 1, 9"})
    void aLlamaFamilyModelStepsAndRunsTheWorkloadsFlops(String family, Phase phase, int batch, int seq)
            throws Exception {
        ModelConfig m = new ModelConfig("llama-test", 2, 64, 4, 2, 192, 512, true, family.equals("QWEN") ? QWEN : family.equals("GPT") ? ModelConfig.Family.GPT : LLAMA);
        try (DecoderSession s = (DecoderSession) backend.open(point(m, DType.FP32, phase, batch, seq))) {
            s.step();
            float[] logits = s.stepOutput();
            assertThat(logits).hasSize(batch * 512);
            for (float v : logits) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            double expected = Work.of(m, phase, batch, seq, 4).flops();
            assertThat(s.countStepFlops()).isCloseTo(expected, within(expected * 1e-12));
        }
    }

    @Test
    void theUntiedHeadGivesOtherLogitsThanTheTiedOneFromTheSameSeed() throws Exception {
        ModelConfig untied = new ModelConfig("same", 1, 64, 4, 2, 192, 512, true, LLAMA);
        ModelConfig tied = new ModelConfig("same", 1, 64, 4, 2, 192, 512, true,
                new ModelConfig.Family(ModelConfig.Norm.RMS, 500_000, true, false));
        float[] a;
        float[] b;
        try (DecoderSession s = (DecoderSession) backend.open(point(untied, DType.FP32, Phase.PREFILL, 1, 8))) {
            a = s.stepOutput();
        }
        try (DecoderSession s = (DecoderSession) backend.open(point(tied, DType.FP32, Phase.PREFILL, 1, 8))) {
            b = s.stepOutput();
        }
        assertThat(a).hasSameSizeAs(b).isNotEqualTo(b);
    }
}
