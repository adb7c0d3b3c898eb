package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.TINY;
import static dev.scalebench.backend.djl.DjlTestSupport.point;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import dev.scalebench.backend.Backend;
import dev.scalebench.config.DType;
import dev.scalebench.config.Phase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs only with {@code -Dsurefire.excludedGroups=slow} (or the gpu profile) on a machine with a CUDA libtorch. */
@Tag("gpu")
class DjlGpuTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void decoderRunsOnGpu(DType dtype) throws Exception {
        DjlBackendProvider.engine();
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() > 0, "no GPU visible to DJL");
        try (Backend b = new DjlBackendProvider().open("auto", 3)) {
            assertThat(b.device().isGpu()).isTrue();
            for (Phase phase : Phase.values()) {
                try (DecoderSession s = (DecoderSession) b.open(point(TINY, dtype, phase, 4, 64))) {
                    int live = s.liveArrays();
                    for (int i = 0; i < 10; i++) {
                        s.step();
                    }
                    assertThat(s.liveArrays()).isEqualTo(live);
                    for (float v : s.stepOutput()) {
                        assertThat(Float.isFinite(v)).isTrue();
                    }
                }
            }
        }
    }
}
