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

    @ParameterizedTest
    @EnumSource(Phase.class)
    void stepsCarryDeviceTimeFromCudaEventsNextToHostTime(Phase phase) throws Exception {
        DjlBackendProvider.engine();
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() > 0, "no GPU visible to DJL");
        dev.scalebench.kernels.Availability cuda = dev.scalebench.kernels.Cuda.availability();
        Assumptions.assumeTrue(cuda.available(), cuda.reason());
        try (Backend b = new DjlBackendProvider().open("gpu:0", 3)) {
            assertThat(b.fingerprint()).containsEntry(DeviceTiming.KEY, DeviceTiming.ON)
                    .containsEntry("gpu.name", dev.scalebench.kernels.Cuda.device(0).name()).containsKey("gpu.sms");
            assertThat(b.device().name()).isEqualTo(dev.scalebench.kernels.Cuda.device(0).name());
            try (dev.scalebench.backend.Session s = b.open(point(TINY, DType.BF16, phase, 8, 256))) {
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    s.step();
                    long host = System.nanoTime() - t0;
                    long device = s.lastDeviceNanos();
                    assertThat(device).as("device time of step %d", i).isPositive();
                    assertThat(device).as("device time within the host's").isLessThanOrEqualTo(host);
                }
            }
        }
    }
}
