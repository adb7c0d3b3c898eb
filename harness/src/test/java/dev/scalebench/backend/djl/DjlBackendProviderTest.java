package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.TINY;
import static dev.scalebench.backend.djl.DjlTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;
import dev.scalebench.backend.Session;
import dev.scalebench.config.DType;
import dev.scalebench.config.Phase;
import org.junit.jupiter.api.Test;

/** These run on a machine without a GPU (the CI machine); GPU behaviour is covered by tagged tests elsewhere. */
class DjlBackendProviderTest {

    @Test
    void isFoundByName() {
        assertThat(BackendProvider.find("djl")).isInstanceOf(DjlBackendProvider.class);
    }

    @Test
    void autoResolvesToCpuWithoutGpu() {
        try (Backend b = new DjlBackendProvider().open("auto", 1)) {
            assertThat(b.name()).isEqualTo("djl");
            assertThat(b.device().id()).isEqualTo("cpu");
            assertThat(b.device().isGpu()).isFalse();
            assertThat(b.device().name()).isNotBlank();
            assertThat(b.device().memoryBytes()).isPositive();
            assertThat(b.fingerprint())
                    .containsEntry("engine", "PyTorch")
                    .containsEntry("device", "cpu")
                    .containsKeys("engine.version", "djl.version", "pytorch.flavor");
        }
    }

    @Test
    void gpuWithoutGpuIsUnavailableWithReasonAndFix() {
        for (String device : new String[] {"gpu", "gpu:1"}) {
            assertThatThrownBy(() -> new DjlBackendProvider().open(device, 1))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageStartingWith("unavailable:")
                    .hasMessageContaining("sees no GPU")
                    .hasMessageContaining("PYTORCH_FLAVOR");
        }
    }

    @Test
    void unknownDeviceIsUnavailable() {
        assertThatThrownBy(() -> new DjlBackendProvider().open("tpu", 1))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("tpu");
    }

    @Test
    void resolvesGpuIndicesWhenGpusExist() {
        assertThat(DjlBackendProvider.resolve("auto", 2).toString()).isEqualTo(ai.djl.Device.gpu(0).toString());
        assertThat(DjlBackendProvider.resolve("gpu:1", 2)).isEqualTo(ai.djl.Device.gpu(1));
        assertThatThrownBy(() -> DjlBackendProvider.resolve("gpu:2", 2)).hasMessageContaining("only 2 GPU");
    }

    @Test
    void fp16OnCpuRuns() throws Exception {
        try (Backend b = new DjlBackendProvider().open("cpu", 1)) {
            for (Phase phase : java.util.List.of(Phase.PREFILL, Phase.DECODE)) {
                try (Session s = b.open(point(TINY, DType.FP16, phase, 1, 8))) {
                    s.step();
                    float[] logits = ((DecoderSession) s).stepOutput();
                    assertThat(logits).hasSize(TINY.vocab());
                    for (float v : logits) {
                        assertThat(v).as(phase + " fp16 logit").isFinite();
                    }
                }
            }
        }
    }
}
