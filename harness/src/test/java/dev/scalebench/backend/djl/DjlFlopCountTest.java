package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.backend.Backend;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.Work;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FLOPs counted from the tensors the model actually multiplies equal the analytic {@link Work}. */
class DjlFlopCountTest {

    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = new DjlBackendProvider().open("cpu", 7);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @ParameterizedTest
    @CsvSource({
        // layers, hidden, heads, kvHeads, ffn, vocab, gated, phase, batch, seq
        "2, 64, 4, 2, 256, 512, true, PREFILL, 2, 16",
        "2, 64, 4, 2, 256, 512, true, DECODE, 3, 24",
        "3, 48, 6, 6, 100, 300, false, PREFILL, 1, 9",
        "3, 48, 6, 6, 100, 300, false, DECODE, 4, 5",
        "1, 32, 8, 1, 64, 128, false, DECODE, 2, 7",
        "1, 32, 8, 2, 80, 128, true, PREFILL, 3, 5",
    })
    void countedFlopsMatchWork(int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, boolean gated,
            Phase phase, int batch, int seq) throws Exception {
        ModelConfig m = new ModelConfig("flops", layers, hidden, heads, kvHeads, ffn, vocab, gated);
        try (DecoderSession s = (DecoderSession) backend.open(point(m, DType.FP32, phase, batch, seq))) {
            double counted = s.countStepFlops();
            double expected = Work.of(m, phase, batch, seq, 4).flops();
            assertThat(counted).isCloseTo(expected, within(expected * 1e-12));
        }
    }
}
