package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.GenerationSession;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phase generate on the DJL synthetic decoder: the KV cache grows in place from the prompt, and a decode step through
 * the cache computes what a prefill over the whole text computes at its last position.
 */
class DjlGenerationTest {

    private static final ModelConfig.Family LLAMA = new ModelConfig.Family(ModelConfig.Norm.RMS, 500_000, false, false);
    private static final ModelConfig.Family QWEN = new ModelConfig.Family(ModelConfig.Norm.RMS, 1_000_000, false, true);
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = new DjlBackendProvider().open("cpu", 42);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static SweepPoint point(ModelConfig m, int batch, int seq, int output) {
        return new SweepPoint("djl", "cpu", DType.FP32, Phase.GENERATE, ModelSpec.of(m), batch, seq, output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GPT", "LLAMA", "QWEN"})
    void aDecodeStepThroughTheCacheEqualsAPrefillOverTheWholeText(String family) throws Exception {
        ModelConfig m = new ModelConfig("gen-" + family, 2, 64, 4, 2, 192, 512, true,
                family.equals("GPT") ? ModelConfig.Family.GPT : family.equals("QWEN") ? QWEN : LLAMA);
        try (GeneratingDecoderSession s = (GeneratingDecoderSession) backend.open(point(m, 2, 8, 5))) {
            for (int k = 0; k < 5; k++) {
                float[] cached = s.outputAt(k);
                float[] reference = s.referenceAt(k);
                assertThat(cached).hasSize(2 * 512);
                for (int i = 0; i < cached.length; i++) {
                    assertThat(cached[i]).as("step %d, logit %d", k, i).isCloseTo(reference[i], within(2e-4f));
                }
            }
        }
    }

    @Test
    void theCacheGrowsInPlaceOnePositionPerTokenAndRewindsPerRequest() throws Exception {
        ModelConfig m = new ModelConfig("gen", 2, 64, 4, 2, 192, 512, true, LLAMA);
        try (GeneratingDecoderSession s = (GeneratingDecoderSession) backend.open(point(m, 2, 8, 4))) {
            assertThat(s).isInstanceOf(GenerationSession.class);
            assertThat(s.outputTokens()).isEqualTo(4);
            assertThatThrownBy(s::decode).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call prefill first");
            s.prefill();
            assertThat(s.cacheLength()).isEqualTo(8);
            s.decode();
            s.decode();
            s.decode();
            assertThat(s.cacheLength()).isEqualTo(11);
            assertThatThrownBy(s::decode).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("decode step 4 of a request of 4 output tokens");
            s.step(); // a whole request again: the cache is rewound, not reallocated
            assertThat(s.cacheLength()).isEqualTo(11);
            int live = s.liveArrays();
            for (int i = 0; i < 5; i++) {
                s.step();
            }
            assertThat(s.liveArrays()).as("no array outlives its request").isEqualTo(live);
        }
    }

    @Test
    void aDecodePointStillMeasuresTheSameContextEveryStep() throws Exception {
        ModelConfig m = new ModelConfig("dec", 2, 64, 4, 2, 192, 512, true, LLAMA);
        SweepPoint p = new SweepPoint("djl", "cpu", DType.FP32, Phase.DECODE, ModelSpec.of(m), 2, 8);
        try (DecoderSession s = (DecoderSession) backend.open(p)) {
            float[] first = s.stepOutput();
            s.step();
            s.step();
            assertThat(s.stepOutput()).as("the cache's length stays seq: same context, same logits")
                    .containsExactly(first);
        }
    }
}
