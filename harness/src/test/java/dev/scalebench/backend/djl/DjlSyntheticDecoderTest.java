package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.TINY;
import static dev.scalebench.backend.djl.DjlTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Backend;
import dev.scalebench.config.DType;
import dev.scalebench.config.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DjlSyntheticDecoderTest {

    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = new DjlBackendProvider().open("cpu", 42);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @ParameterizedTest
    @CsvSource({"FP32, PREFILL", "FP32, DECODE", "BF16, PREFILL", "BF16, DECODE"})
    void stepsGiveFiniteOutputWithoutLeaking(DType dtype, Phase phase) throws Exception {
        try (DecoderSession s = (DecoderSession) backend.open(point(TINY, dtype, phase, 2, 16))) {
            float[] logits = s.stepOutput();
            assertThat(logits).hasSize(2 * TINY.vocab());
            for (float v : logits) {
                assertThat(Float.isFinite(v)).as("finite logit").isTrue();
            }
            s.step();
            int live = s.liveArrays();
            for (int i = 0; i < 20; i++) {
                s.step();
            }
            assertThat(s.liveArrays()).isEqualTo(live);
        }
    }

    @ParameterizedTest
    @CsvSource({"FP32, PREFILL", "BF16, DECODE"})
    void sameSeedGivesSameOutput(DType dtype, Phase phase) throws Exception {
        float[] a;
        float[] b;
        try (DecoderSession s = (DecoderSession) backend.open(point(TINY, dtype, phase, 2, 8))) {
            a = s.stepOutput();
            assertThat(s.stepOutput()).containsExactly(a);
        }
        try (DecoderSession s = (DecoderSession) backend.open(point(TINY, dtype, phase, 2, 8))) {
            b = s.stepOutput();
        }
        assertThat(b).containsExactly(a);
        try (Backend other = new DjlBackendProvider().open("cpu", 43);
                DecoderSession s = (DecoderSession) other.open(point(TINY, dtype, phase, 2, 8))) {
            assertThat(s.stepOutput()).isNotEqualTo(a);
        }
    }
}
